import { defineFieldType, type FieldBase } from './field-type.ts';

export const ON_DELETE = ['restrict', 'set-null', 'cascade'] as const;
export type OnDelete = (typeof ON_DELETE)[number];

/** Target of a reference: `entity` in this bundle, or `bundle.entity` in a dependency. */
export const REFERENCE_TARGET_PATTERN = '^([a-z][a-z0-9]*\\.)?[a-z][a-z0-9_]*$';

/** Many-to-one: the record points at one record of `entity`. */
export interface ReferenceField extends FieldBase {
  type: 'reference';
  entity: string;
  /** What happens to this record when the target is deleted; defaults to `restrict`. */
  onDelete?: OnDelete;
}

export const referenceType = defineFieldType({
  type: 'reference',
  properties: {
    entity: { type: 'string', pattern: REFERENCE_TARGET_PATTERN },
    onDelete: { enum: ON_DELETE },
  },
  required: ['entity'],
  searchable: false,
  indexable: true,
});
