import { pickText, type Language } from '@opsflux/definitions';
import type { Access } from '../access/access.ts';
import type { Registry } from '../registry/registry-types.ts';
import type { CompiledMenuItem } from './compile-ui.ts';

/** A menu item the user may open; a group keeps only such children. */
export interface ResolvedMenuItem {
  /** Unique in the menus: `<menu key>/<item name>/<child name>...`, for keys and remembered state. */
  key: string;
  name: string;
  label: string;
  icon: string | null;
  /** What the item opens: a view or a form key, or a page of the app; a group has none. */
  view?: string;
  form?: string;
  url?: string;
  /** The entity a view or form item shows. */
  entity?: string;
  children?: ResolvedMenuItem[];
}

export interface ResolvedMenu {
  key: string;
  bundle: string;
  name: string;
  label: string;
  icon: string | null;
  order: number | null;
  items: ResolvedMenuItem[];
}

/**
 * The menus as `access` may use them, in `lang`: an item opening a view of an entity the user
 * may not read, or a form of one they may not create in, is left out, then groups and menus
 * left empty. Menus are ordered by `order` (absent last), then label.
 */
export function resolveMenus(registry: Registry, access: Access, lang: Language): ResolvedMenu[] {
  const items = (list: CompiledMenuItem[], base: string): ResolvedMenuItem[] =>
    list.flatMap((item): ResolvedMenuItem[] => {
      const key = `${base}/${item.name}`;
      const common = { key, name: item.name, label: pickText(item.label, lang), icon: item.icon ?? null };
      if (item.children) {
        const children = items(item.children, key);
        return children.length ? [{ ...common, children }] : [];
      }
      if (item.view) {
        const view = registry.ui.views.get(item.view);
        const entity = view && registry.entities.get(view.entity);
        return entity && access.can('read', entity) ? [{ ...common, view: item.view, entity: entity.key }] : [];
      }
      if (item.form) {
        const form = registry.ui.forms.get(item.form);
        const entity = form && registry.entities.get(form.entity);
        return entity && access.can('create', entity) ? [{ ...common, form: item.form, entity: entity.key }] : [];
      }
      return item.url ? [{ ...common, url: item.url }] : [];
    });
  return registry.ui.menus
    .map((m) => ({
      key: m.key,
      bundle: m.bundle,
      name: m.def.name,
      label: pickText(m.def.label, lang),
      icon: m.def.icon ?? null,
      order: m.def.order ?? null,
      items: items(m.def.items, m.key),
    }))
    .filter((m) => m.items.length)
    .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.label.localeCompare(b.label, lang));
}
