import type { PermissionsDefinition, RoleDefinition } from '@opsflux/definitions';

/**
 * Role edits on a permissions definition, keeping grants and inheritance pointing at the
 * right role. A role of this bundle may be written `viewer` or `<bundle>.viewer`.
 */

const refersTo = (ref: string, name: string, bundle: string) => ref === name || ref === `${bundle}.${name}`;

export function addRole(def: PermissionsDefinition, name: string): PermissionsDefinition {
  return { ...def, roles: [...(def.roles ?? []), { name, label: { en: name } }] };
}

export function updateRole(
  def: PermissionsDefinition,
  index: number,
  patch: Partial<RoleDefinition>,
): PermissionsDefinition {
  return {
    ...def,
    roles: (def.roles ?? []).map((r, i) => {
      if (i !== index) return r;
      const next = { ...r, ...patch };
      if (!next.inherits?.length) delete next.inherits;
      if (!next.mfaRequired) delete next.mfaRequired;
      if (!next.description) delete next.description;
      return next;
    }),
  };
}

export function renameRole(
  def: PermissionsDefinition,
  index: number,
  to: string,
  bundle: string,
): PermissionsDefinition {
  const from = def.roles?.[index]?.name;
  if (from === undefined || from === to) return def;
  const swap = (ref: string) => (refersTo(ref, from, bundle) ? (ref.includes('.') ? `${bundle}.${to}` : to) : ref);
  return {
    ...def,
    roles: (def.roles ?? []).map((r, i) => ({
      ...r,
      ...(i === index && { name: to }),
      ...(r.inherits && { inherits: r.inherits.map(swap) }),
    })),
    ...(def.grants && { grants: def.grants.map((g) => ({ ...g, role: swap(g.role) })) }),
  };
}

/** Removes a role, its grants and every inheritance from it. */
export function removeRole(def: PermissionsDefinition, index: number, bundle: string): PermissionsDefinition {
  const name = def.roles?.[index]?.name;
  if (name === undefined) return def;
  return {
    ...def,
    roles: (def.roles ?? [])
      .filter((_, i) => i !== index)
      .map((r) => {
        if (!r.inherits) return r;
        const inherits = r.inherits.filter((p) => !refersTo(p, name, bundle));
        const { inherits: _drop, ...rest } = r;
        return inherits.length ? { ...rest, inherits } : rest;
      }),
    ...(def.grants && { grants: def.grants.filter((g) => !refersTo(g.role, name, bundle)) }),
  };
}
