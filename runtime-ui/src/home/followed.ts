import type { UiMeta } from '../api/api-types.ts';
import { byQualifiedName, entityOf, qualify } from '../shell/navigation.ts';

/** One list of the user's menus: the view, and the entity it shows. */
export interface FollowedList {
  view: string;
  entity: string;
}

/**
 * The lists the user's menus open, first view of each entity, in menu order: what "what I
 * follow" counts. Views the meta does not describe (the user may not read them) are skipped.
 */
export function followedLists(ui: UiMeta | null | undefined): FollowedList[] {
  if (!ui) return [];
  const views = byQualifiedName(ui.views);
  const out: FollowedList[] = [];
  const seen = new Set<string>();
  const walk = (items: UiMeta['menus'][number]['items'], bundle: string | undefined) => {
    for (const it of items) {
      if (it.view) {
        const key = qualify(it.view, bundle);
        const view = views.get(key);
        if (view && view.type !== 'kanban') {
          const entity = entityOf(view, key);
          if (!seen.has(entity)) {
            seen.add(entity);
            out.push({ view: key, entity });
          }
        }
      }
      if (it.children) walk(it.children, bundle);
    }
  };
  const menus = [...ui.menus].sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity));
  for (const m of menus) walk(m.items, m.bundle);
  return out;
}

/** The address of a view's list filtered on one state. */
export const stateListUrl = (view: string, state: string) =>
  `/views/${encodeURIComponent(view)}?${new URLSearchParams({ filter: JSON.stringify({ state }) }).toString()}`;
