import type { FormDefinition, MenuDefinition, MenuItem, ViewDefinition } from '@opsflux/definitions';
import type { Bundle } from '../bundles/bundle-types.ts';
import type { CompiledEntity } from '../registry/registry-types.ts';
import { defaultForm } from './default-form.ts';

export interface CompiledView {
  /** `bundle.view` */
  key: string;
  bundle: string;
  name: string;
  /** Key of the entity shown (`bundle.entity`). */
  entity: string;
  def: ViewDefinition;
}

export interface CompiledForm {
  /** `bundle.form`; `bundle.entity.default` for a default form. */
  key: string;
  bundle: string;
  name: string;
  entity: string;
  def: FormDefinition;
  /** Made by the engine because no bundle ships a form for the entity. */
  isDefault: boolean;
}

/** A menu item with its view or form named by key (`bundle.name`). */
export interface CompiledMenuItem extends Omit<MenuItem, 'children'> {
  children?: CompiledMenuItem[];
}

export interface CompiledMenu {
  key: string;
  bundle: string;
  def: Omit<MenuDefinition, 'items'> & { items: CompiledMenuItem[] };
}

/** What the apps draw themselves from: views, forms and menus of every applied bundle. */
export interface UiIndex {
  views: ReadonlyMap<string, CompiledView>;
  forms: ReadonlyMap<string, CompiledForm>;
  /** In the order bundles were applied; the meta routes sort them for display. */
  menus: readonly CompiledMenu[];
  /** Views of an entity, from any bundle. */
  viewsOf(entity: string): CompiledView[];
  /** Forms of an entity from any bundle (the one named after the entity first), else its default form. */
  formsOf(entity: string): CompiledForm[];
}

/** `name` of `bundle`, or `other.name` as written. */
export const qualify = (bundle: string, ref: string) => (ref.includes('.') ? ref : `${bundle}.${ref}`);

function qualifyItems(bundle: string, items: MenuItem[]): CompiledMenuItem[] {
  return items.map((item) => ({
    ...item,
    ...(item.view && { view: qualify(bundle, item.view) }),
    ...(item.form && { form: qualify(bundle, item.form) }),
    ...(item.children && { children: qualifyItems(bundle, item.children) }),
  }));
}

export function compileUi(bundles: Bundle[], entities: ReadonlyMap<string, CompiledEntity>): UiIndex {
  const views = new Map<string, CompiledView>();
  const forms = new Map<string, CompiledForm>();
  const menus: CompiledMenu[] = [];
  const viewsByEntity = new Map<string, CompiledView[]>();
  const formsByEntity = new Map<string, CompiledForm[]>();
  const push = <T>(m: Map<string, T[]>, k: string, v: T) => m.set(k, [...(m.get(k) ?? []), v]);
  for (const b of bundles) {
    const bundle = b.manifest.name;
    for (const def of b.views) {
      const view = { key: `${bundle}.${def.name}`, bundle, name: def.name, entity: qualify(bundle, def.entity), def };
      views.set(view.key, view);
      push(viewsByEntity, view.entity, view);
    }
    for (const def of b.forms) {
      const entity = qualify(bundle, def.entity);
      const form = { key: `${bundle}.${def.name}`, bundle, name: def.name, entity, def, isDefault: false };
      forms.set(form.key, form);
      push(formsByEntity, entity, form);
    }
    for (const def of b.menus)
      menus.push({ key: `${bundle}.${def.name}`, bundle, def: { ...def, items: qualifyItems(bundle, def.items) } });
  }
  // A form named after its entity is the one records open in: it comes first.
  const main = (f: CompiledForm) => (f.name === f.entity.split('.')[1] ? 0 : 1);
  for (const list of formsByEntity.values()) list.sort((a, b) => main(a) - main(b));
  const defaults = new Map<string, CompiledForm>();
  for (const e of entities.values()) {
    if (formsByEntity.has(e.key)) continue;
    defaults.set(e.key, {
      key: `${e.key}.default`,
      bundle: e.bundle,
      name: 'default',
      entity: e.key,
      def: defaultForm(e),
      isDefault: true,
    });
  }
  return {
    views,
    forms,
    menus,
    viewsOf: (entity) => viewsByEntity.get(entity) ?? [],
    formsOf: (entity) => formsByEntity.get(entity) ?? (defaults.has(entity) ? [defaults.get(entity)!] : []),
  };
}
