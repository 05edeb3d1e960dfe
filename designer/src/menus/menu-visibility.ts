import type { GrantDefinition, MenuItem, PermissionsDefinition, RoleDefinition } from '@opsflux/definitions';
import { itemEntity, targetKind, type MenuTarget } from './menu-targets.ts';

const qualify = (bundle: string, name: string) => (name.includes('.') ? name : `${bundle}.${name}`);

function permissionFiles(files: Readonly<Record<string, unknown>>): PermissionsDefinition[] {
  return Object.entries(files)
    .filter(([path, c]) => /^permissions\/[^/]+\.json$/.test(path) && c && typeof c === 'object')
    .map(([, c]) => c as PermissionsDefinition);
}

/** The role and every role it inherits from, as far as the draft tells (qualified keys). */
export function roleClosure(bundle: string, files: Readonly<Record<string, unknown>>, role: string): Set<string> {
  const roles = new Map<string, RoleDefinition>();
  for (const p of permissionFiles(files)) for (const r of p.roles ?? []) roles.set(qualify(bundle, r.name), r);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const parent of roles.get(key)?.inherits ?? []) visit(qualify(bundle, parent));
  };
  visit(role);
  return seen;
}

/** Entity keys → actions the roles are granted by the draft's permissions. */
function grantedActions(bundle: string, files: Readonly<Record<string, unknown>>, roles: Set<string>) {
  const granted = new Map<string, Set<string>>();
  const grants: GrantDefinition[] = permissionFiles(files).flatMap((p) => p.grants ?? []);
  for (const g of grants) {
    if (!roles.has(qualify(bundle, g.role))) continue;
    const key = qualify(bundle, g.entity);
    const set = granted.get(key) ?? new Set<string>();
    g.actions.forEach((a) => set.add(a));
    granted.set(key, set);
  }
  return granted;
}

export type Visibility = 'shown' | 'hidden' | 'unknown';

/**
 * Whether a holder of `role` sees each item, following the runtime's rule: a view needs `read` on
 * its entity, a form needs `create`, a group needs one visible child, a URL is always shown.
 * Views and forms the draft does not hold (another bundle's) are `unknown`. Keyed by path.
 */
export function menuVisibility(
  bundle: string,
  files: Readonly<Record<string, unknown>>,
  targets: readonly MenuTarget[],
  items: readonly MenuItem[],
  role: string,
): Map<string, Visibility> {
  const granted = grantedActions(bundle, files, roleClosure(bundle, files, role));
  const out = new Map<string, Visibility>();
  const walk = (list: readonly MenuItem[], parent: number[]): Visibility[] =>
    list.map((item, i) => {
      const path = [...parent, i];
      let v: Visibility;
      const kind = targetKind(item);
      if (kind === 'group') {
        const children = walk(item.children ?? [], path);
        v = children.includes('shown') ? 'shown' : children.includes('unknown') ? 'unknown' : 'hidden';
      } else if (kind === 'url') v = 'shown';
      else {
        const entity = itemEntity(bundle, item, targets);
        if (!entity) v = 'unknown';
        else v = granted.get(entity)?.has(kind === 'view' ? 'read' : 'create') ? 'shown' : 'hidden';
      }
      out.set(path.join('.'), v);
      return v;
    });
  walk(items, []);
  return out;
}
