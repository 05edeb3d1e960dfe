import type { GrantDefinition, I18nText, PermissionScope } from '@opsflux/definitions';
import type { Bundle } from '../bundles/bundle-types.ts';

export interface CompiledGrant {
  /** Role code, `<bundle>.<role>`. */
  role: string;
  /** Entity key, `<bundle>.<entity>`. */
  entity: string;
  actions: string[];
  scope: PermissionScope;
  condition?: Record<string, unknown>;
  hiddenFields: string[];
  readonlyFields: string[];
  /** Where it is defined: `crm/permissions/crm.json#/grants/3`, for explanations. */
  source: string;
}

export interface CompiledRole {
  code: string;
  bundle: string;
  label: I18nText;
  description?: I18nText;
  inherits: string[];
  mfaRequired: boolean;
  grants: CompiledGrant[];
}

const qualify = (bundle: string, ref: string) => (ref.includes('.') ? ref : `${bundle}.${ref}`);

/** Roles of every bundle by code, each with the grants given to it directly. */
export function compileRoles(bundles: Iterable<Bundle>): Map<string, CompiledRole> {
  const roles = new Map<string, CompiledRole>();
  for (const bundle of bundles) {
    const name = bundle.manifest.name;
    for (const def of bundle.permissions) {
      for (const r of def.roles ?? []) {
        roles.set(`${name}.${r.name}`, {
          code: `${name}.${r.name}`,
          bundle: name,
          label: r.label,
          ...(r.description && { description: r.description }),
          inherits: (r.inherits ?? []).map((i) => qualify(name, i)),
          mfaRequired: r.mfaRequired ?? false,
          grants: [],
        });
      }
    }
    for (const def of bundle.permissions) {
      (def.grants ?? []).forEach((g: GrantDefinition, i) => {
        const role = roles.get(qualify(name, g.role));
        role?.grants.push({
          role: role.code,
          entity: qualify(name, g.entity),
          actions: g.actions,
          scope: g.scope,
          ...(g.condition && { condition: g.condition }),
          hiddenFields: g.hiddenFields ?? [],
          readonlyFields: g.readonlyFields ?? [],
          source: `${name}/permissions/${def.name}#/grants/${i}`,
        });
      });
    }
  }
  return roles;
}

/** The roles and everything they inherit, in a stable order; unknown codes are left out. */
export function expandRoles(roles: ReadonlyMap<string, CompiledRole>, codes: Iterable<string>): string[] {
  const out = new Set<string>();
  const stack = [...codes];
  while (stack.length) {
    const code = stack.shift()!;
    const role = roles.get(code);
    if (!role || out.has(code)) continue;
    out.add(code);
    stack.push(...role.inherits);
  }
  return [...out];
}
