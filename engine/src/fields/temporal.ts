import type { DateField, DatetimeField, TimeField } from '@opsflux/definitions';
import { defineField, ORDERED } from './field-runtime.ts';

/** PostgreSQL has no year 0. */
const YEAR_FROM_1 = '^(?!0000)\\d{4}-';

export const dateField = defineField<DateField>({
  type: 'date',
  sqlType: () => 'date',
  valueSchema: () => ({ type: 'string', format: 'date', pattern: YEAR_FROM_1 }),
  operators: ORDERED,
  writable: true,
});

export const datetimeField = defineField<DatetimeField>({
  type: 'datetime',
  sqlType: () => 'timestamptz',
  // PostgreSQL takes UTC offsets up to ±15:59.
  valueSchema: () => ({
    type: 'string',
    format: 'date-time',
    pattern: `${YEAR_FROM_1}.*([Zz]|[+-](0\\d|1[0-5]):?[0-5]\\d)$`,
  }),
  operators: ORDERED,
  writable: true,
});

export const timeField = defineField<TimeField>({
  type: 'time',
  sqlType: () => 'time',
  valueSchema: () => ({ type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,6})?)?$' }),
  operators: ORDERED,
  writable: true,
});
