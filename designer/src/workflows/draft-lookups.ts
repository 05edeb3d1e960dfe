import type { DraftContext } from '../editor-types.ts';

/** What the workflow and permission editors read from the rest of the draft. */

export interface FieldInfo {
  name: string;
  type: string;
}

interface EntityLike {
  name?: unknown;
  fields?: unknown;
}

/** The draft's entity definitions by name (`entities/<file>.json`). */
export function draftEntities(context: Pick<DraftContext, 'files'>): Map<string, EntityLike> {
  const out = new Map<string, EntityLike>();
  for (const [path, content] of Object.entries(context.files)) {
    if (!/^entities\/[^/]+\.json$/.test(path) || !content || typeof content !== 'object') continue;
    const name = (content as EntityLike).name;
    if (typeof name === 'string') out.set(name, content as EntityLike);
  }
  return out;
}

/** Fields of an entity of this draft (`name`) or of another bundle (`bundle.name`). */
export function entityFields(context: Pick<DraftContext, 'files' | 'otherEntities'>, entity: string): FieldInfo[] {
  const def = (entity.includes('.') ? context.otherEntities[entity] : draftEntities(context).get(entity)) as
    EntityLike | undefined;
  if (!def || !Array.isArray(def.fields)) return [];
  return def.fields.flatMap((f: unknown) => {
    const { name, type } = (f ?? {}) as { name?: unknown; type?: unknown };
    return typeof name === 'string' ? [{ name, type: typeof type === 'string' ? type : 'text' }] : [];
  });
}

/** Roles as a definition of this bundle writes them: its own by name, others as `bundle.role`. */
export function roleOptions(context: Pick<DraftContext, 'bundle' | 'roles'>): string[] {
  const prefix = `${context.bundle}.`;
  return [...new Set(context.roles.map((r) => (r.startsWith(prefix) ? r.slice(prefix.length) : r)))];
}

/** The workflows of the draft by the entity they govern. */
export function draftWorkflows(context: Pick<DraftContext, 'files'>): Map<string, { transitions: string[] }> {
  const out = new Map<string, { transitions: string[] }>();
  for (const [path, content] of Object.entries(context.files)) {
    if (!/^workflows\/[^/]+\.json$/.test(path) || !content || typeof content !== 'object') continue;
    const { entity, transitions } = content as { entity?: unknown; transitions?: unknown };
    if (typeof entity !== 'string') continue;
    const names = Array.isArray(transitions)
      ? transitions
          .map((t: unknown) => (t as { name?: unknown } | null)?.name)
          .filter((n): n is string => typeof n === 'string')
      : [];
    out.set(entity, { transitions: names });
  }
  return out;
}

/** What a guard may read: the record's fields, the user, the time and the transition's facts. */
export function guardVariables(fields: readonly FieldInfo[], facts: readonly string[]): string[] {
  return [...fields.map((f) => `record.${f.name}`), 'user.id', 'user.roles', 'now', ...facts.map((f) => `facts.${f}`)];
}
