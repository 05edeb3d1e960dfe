import type { ReferenceField, ReferencesField } from '@opsflux/definitions';
import { defineField, EQUALITY, UUID_SCHEMA } from './field-runtime.ts';

export const referenceField = defineField<ReferenceField>({
  type: 'reference',
  sqlType: () => 'uuid',
  valueSchema: () => ({ ...UUID_SCHEMA }),
  operators: EQUALITY,
  writable: true,
});

/** Stored in a join table; the value is the list of target ids. */
export const referencesField = defineField<ReferencesField>({
  type: 'references',
  sqlType: () => undefined,
  valueSchema: () => ({ type: 'array', uniqueItems: true, maxItems: 1000, items: UUID_SCHEMA }),
  operators: [],
  writable: true,
});
