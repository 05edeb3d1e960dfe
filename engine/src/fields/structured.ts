import type { GeopointField, JsonField } from '@opsflux/definitions';
import { defineField } from './field-runtime.ts';

const asJson = (v: unknown) => (v === null || v === undefined ? v : JSON.stringify(v));

export const jsonField = defineField<JsonField>({
  type: 'json',
  sqlType: () => 'jsonb',
  valueSchema: () => ({}),
  operators: ['$null'],
  writable: true,
  toDb: asJson,
});

export const geopointField = defineField<GeopointField>({
  type: 'geopoint',
  sqlType: () => 'jsonb',
  valueSchema: () => ({
    type: 'object',
    required: ['latitude', 'longitude'],
    additionalProperties: false,
    properties: {
      latitude: { type: 'number', minimum: -90, maximum: 90 },
      longitude: { type: 'number', minimum: -180, maximum: 180 },
    },
  }),
  operators: ['$null'],
  writable: true,
  toDb: asJson,
});
