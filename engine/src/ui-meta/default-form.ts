import type { ControlElement, FormDefinition, FormElement } from '@opsflux/definitions';
import type { CompiledEntity } from '../registry/registry-types.ts';

/** Field types whose input takes a whole row: long texts, lists, structured values, positions. */
const WIDE = new Set(['text', 'json', 'references', 'geopoint']);

/**
 * The form an entity gets when no bundle ships one: every field a user may write, in the
 * entity's order, two short ones to a row and each wide one on its own row.
 */
export function defaultForm(entity: CompiledEntity): FormDefinition {
  const rows: FormElement[] = [];
  let pair: ControlElement[] = [];
  const flush = () => {
    if (pair.length === 1) rows.push(pair[0]!);
    if (pair.length === 2) rows.push({ type: 'HorizontalLayout', elements: pair });
    pair = [];
  };
  for (const f of entity.fields.values()) {
    if (!f.writable || entity.sequence?.field === f.name) continue;
    const control: ControlElement = { type: 'Control', scope: `#/properties/${f.name}` };
    if (WIDE.has(f.def.type)) {
      flush();
      rows.push(control);
    } else {
      pair.push(control);
      if (pair.length === 2) flush();
    }
  }
  flush();
  return {
    name: 'default',
    entity: entity.key,
    label: entity.def.label,
    layout: { type: 'VerticalLayout', elements: rows },
  };
}
