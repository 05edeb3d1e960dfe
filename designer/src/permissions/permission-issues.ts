import type { PermissionsDefinition } from '@opsflux/definitions';
import type { DraftIssue } from '../editor-types.ts';

/** Where an issue of a permissions file belongs in the editor. */
export type IssuePlace =
  | { tab: 'matrix'; entity: string; role: string; actions: string[] }
  | { tab: 'roles'; index: number }
  | { tab: 'file' };

export function placeOf(def: PermissionsDefinition, pointer: string | undefined): IssuePlace {
  const grant = /^\/grants\/(\d+)(\/|$)/.exec(pointer ?? '');
  if (grant) {
    const g = def.grants?.[Number(grant[1])];
    if (g) return { tab: 'matrix', entity: g.entity, role: g.role, actions: [...g.actions] };
  }
  const role = /^\/roles\/(\d+)(\/|$)/.exec(pointer ?? '');
  if (role && def.roles?.[Number(role[1])]) return { tab: 'roles', index: Number(role[1]) };
  return { tab: 'file' };
}

/** The engine's messages per matrix cell (`role`, `entity`, `action` joined by a tab). */
export function cellIssues(def: PermissionsDefinition, issues: readonly DraftIssue[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const issue of issues) {
    const place = placeOf(def, issue.pointer);
    if (place.tab !== 'matrix') continue;
    for (const a of place.actions) {
      const key = cellKey(place.role, place.entity, a);
      out.set(key, [...(out.get(key) ?? []), issue.message]);
    }
  }
  return out;
}

export const cellKey = (role: string, entity: string, action: string) => `${role}\t${entity}\t${action}`;
