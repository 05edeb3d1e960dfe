import type { AnyFormElement, FormDefinition, FormElement, I18nText } from '@opsflux/definitions';

const PREFIX = '#/properties/';

/** The fields a layout places (its controls' scopes). */
function placed(el: AnyFormElement, out = new Set<string>()): Set<string> {
  if (el.type === 'Control' && el.scope.startsWith(PREFIX)) out.add(el.scope.slice(PREFIX.length));
  if ('elements' in el) for (const c of el.elements as AnyFormElement[]) placed(c, out);
  return out;
}

/**
 * A layout with one more Group per extension, labelled with the extending bundle's title, holding
 * the extension's fields the layout does not place already (a Category when the layout is a
 * Categorization, so tabs and wizard steps stay well formed).
 */
function extend(layout: FormElement, groups: { title: I18nText; fields: string[] }[]): FormElement {
  const have = placed(layout);
  const add = groups
    .map((g) => ({ title: g.title, fields: g.fields.filter((f) => !have.has(f)) }))
    .filter((g) => g.fields.length);
  if (!add.length) return layout;
  const controls = (fields: string[]): FormElement[] =>
    fields.map((f) => ({ type: 'Control', scope: `${PREFIX}${f}` }));
  if (layout.type === 'Categorization') {
    return {
      ...layout,
      elements: [
        ...layout.elements,
        ...add.map((g) => ({ type: 'Category' as const, label: g.title, elements: controls(g.fields) })),
      ],
    };
  }
  const extra: FormElement[] = add.map((g) => ({ type: 'Group', label: g.title, elements: controls(g.fields) }));
  if (layout.type === 'VerticalLayout') return { ...layout, elements: [...layout.elements, ...extra] };
  return { type: 'VerticalLayout', elements: [layout, ...extra] };
}

/** The form with the extension fields it does not place appended, in its layout and each variant. */
export function withExtensionGroups(
  form: FormDefinition,
  groups: { title: I18nText; fields: string[] }[],
): FormDefinition {
  const layout = extend(form.layout, groups);
  const variants = form.variants
    ? Object.fromEntries(Object.entries(form.variants).map(([k, v]) => [k, extend(v, groups)]))
    : undefined;
  const changed =
    layout !== form.layout || (variants && Object.keys(variants).some((k) => variants[k] !== form.variants![k]));
  return changed ? { ...form, layout, ...(variants && { variants }) } : form;
}
