import type { Language } from '@opsflux/definitions';
import type { Abilities, BundleSummary, FormMeta, MenuItemMeta, UiMeta, ViewMeta } from '../api/api-types.ts';
import { textIn } from '../i18n/definition-text.ts';

/** One entry of the sidebar: a page of the app, or a group of entries. */
export interface NavItem {
  key: string;
  label: string;
  icon?: string;
  /** A path of the app. */
  to?: string;
  children?: NavItem[];
}

export interface NavGroup {
  key: string;
  label: string;
  icon?: string;
  items: NavItem[];
}

export const listPath = (bundle: string, entity: string) =>
  `/data/${encodeURIComponent(bundle)}/${encodeURIComponent(entity)}`;
export const recordUrl = (bundle: string, entity: string, id: string) =>
  `${listPath(bundle, entity)}/${encodeURIComponent(id)}`;
export const viewPath = (view: string) => `/views/${encodeURIComponent(view)}`;
export const formPath = (form: string) => `/forms/${encodeURIComponent(form)}`;

/** `name` qualified by `bundle` unless it already names one (`bundle.name`). */
export const qualify = (name: string, bundle: string | undefined) =>
  name.includes('.') || !bundle ? name : `${bundle}.${name}`;

/** A list or map of definitions keyed by their qualified name (`bundle.name`). */
export function byQualifiedName<T extends { key?: string; name: string; bundle?: string }>(
  defs: T[] | Record<string, T> | undefined,
): Map<string, T> {
  if (!defs) return new Map();
  if (Array.isArray(defs)) return new Map(defs.map((d) => [d.key ?? qualify(d.name, d.bundle), d]));
  return new Map(Object.entries(defs).map(([k, d]) => [qualify(k, d.bundle), d]));
}

/** The entity a view or form is about, as `bundle.entity`. */
export const entityOf = (def: ViewMeta | FormMeta, key: string) => qualify(def.entity, key.split('.')[0]);

/** Whether the abilities allow `action` on some record of the entity (unknown abilities: yes, the engine decides). */
export function may(abilities: Abilities | undefined, entityKey: string, action: string): boolean {
  if (!abilities) return true;
  return abilities.unrestricted || !!abilities.entities[entityKey]?.actions.includes(action);
}

export const mayRead = (abilities: Abilities | undefined, entityKey: string) => may(abilities, entityKey, 'read');

/**
 * The sidebar from menu definitions. The engine already filters them by permission; an item
 * whose view's entity the abilities say is unreadable is dropped as well, and empty groups with it.
 */
export function navFromMenus(ui: UiMeta, lang: Language, abilities?: Abilities): NavGroup[] {
  const views = byQualifiedName(ui.views);
  const forms = byQualifiedName(ui.forms);
  const item = (it: MenuItemMeta, bundle: string | undefined, parent: string): NavItem | null => {
    const key = it.key ?? `${parent}/${it.name}`;
    const children = (it.children ?? []).map((c) => item(c, bundle, key)).filter((c): c is NavItem => c !== null);
    let to: string | undefined;
    if (it.view) {
      const ref = qualify(it.view, bundle);
      const view = views.get(ref);
      if (view && !mayRead(abilities, entityOf(view, ref))) return null;
      to = viewPath(ref);
    } else if (it.form) {
      const ref = qualify(it.form, bundle);
      const form = forms.get(ref);
      if (form && !may(abilities, entityOf(form, ref), 'create')) return null;
      to = formPath(ref);
    } else if (it.url) to = it.url;
    if (!to && children.length === 0) return null;
    return {
      key,
      label: textIn(it.label, lang, it.name),
      icon: it.icon ?? undefined,
      to,
      ...(children.length && { children }),
    };
  };
  return [...ui.menus]
    .sort(
      (a, b) =>
        (a.order ?? Infinity) - (b.order ?? Infinity) || textIn(a.label, lang).localeCompare(textIn(b.label, lang)),
    )
    .map((m) => {
      const key = m.key ?? qualify(m.name, m.bundle);
      const items = m.items.map((it) => item(it, m.bundle, key)).filter((i): i is NavItem => i !== null);
      return { key, label: textIn(m.label, lang, m.name), icon: m.icon ?? undefined, items };
    })
    .filter((g) => g.items.length > 0);
}

/** Until menus exist: one group per bundle, one item per entity the user may read. */
export function navFromBundles(bundles: BundleSummary[], lang: Language, abilities?: Abilities): NavGroup[] {
  return bundles
    .map((b) => ({
      key: b.name,
      label: textIn(b.title, lang, b.name),
      items: (b.entities ?? [])
        .filter((e) => mayRead(abilities, `${b.name}.${e.name}`))
        .map((e) => ({
          key: `${b.name}.${e.name}`,
          label: textIn(e.pluralLabel ?? e.label, lang, e.name),
          to: listPath(b.name, e.name),
        })),
    }))
    .filter((g) => g.items.length > 0);
}

/** Every entry with a page, depth first: for the phone's bottom bar and for breadcrumbs. */
export function flattenNav(groups: NavGroup[]): (NavItem & { group: NavGroup })[] {
  const out: (NavItem & { group: NavGroup })[] = [];
  const walk = (items: NavItem[], group: NavGroup) => {
    for (const it of items) {
      if (it.to) out.push({ ...it, group });
      if (it.children) walk(it.children, group);
    }
  };
  for (const g of groups) walk(g.items, g);
  return out;
}
