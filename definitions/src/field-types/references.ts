import { defineFieldType, type FieldBase } from './field-type.ts';
import { REFERENCE_TARGET_PATTERN } from './reference.ts';

/** Many-to-many through a join table; the value is an array of record ids. */
export interface ReferencesField extends FieldBase {
  type: 'references';
  entity: string;
}

export const referencesType = defineFieldType({
  type: 'references',
  properties: { entity: { type: 'string', pattern: REFERENCE_TARGET_PATTERN } },
  required: ['entity'],
  searchable: false,
  indexable: false,
});
