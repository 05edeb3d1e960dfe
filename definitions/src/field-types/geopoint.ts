import { defineFieldType, type FieldBase } from './field-type.ts';

/** A position as `{ "latitude": 4.05, "longitude": 9.7 }` (WGS 84 degrees). */
export interface GeopointField extends FieldBase {
  type: 'geopoint';
}

export const geopointType = defineFieldType({
  type: 'geopoint',
  properties: {},
  searchable: false,
  indexable: false,
});
