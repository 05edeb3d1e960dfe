import { pickText, type Language } from '@opsflux/definitions';
import type { CompiledEntity } from '../registry/registry-types.ts';
import { SYSTEM_COLUMN_LABELS } from './system-labels.ts';

/** The label of a field or system column of the entity, in `lang`. */
export function columnLabel(entity: CompiledEntity, name: string, lang: Language): string {
  const field = entity.fields.get(name);
  if (field) return pickText(field.def.label, lang);
  const system = SYSTEM_COLUMN_LABELS[name];
  return system ? pickText(system.label, lang) : name;
}

/** The system columns the entity's records carry, with their labels and kinds. */
export function systemFields(entity: CompiledEntity, lang: Language) {
  return entity.columns
    .filter((c) => !entity.fields.has(c) && SYSTEM_COLUMN_LABELS[c])
    .map((c) => ({
      name: c,
      label: pickText(SYSTEM_COLUMN_LABELS[c]!.label, lang),
      type: SYSTEM_COLUMN_LABELS[c]!.type,
    }));
}
