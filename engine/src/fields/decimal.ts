import type { DecimalField } from '@opsflux/definitions';
import { defineField, ORDERED } from './field-runtime.ts';

export const decimalField = defineField<DecimalField>({
  type: 'decimal',
  sqlType: (f) => `numeric(${f.precision ?? 18},${f.scale ?? 2})`,
  valueSchema: (f) => {
    // The column holds precision - scale digits before the point.
    // Values are rounded to `scale` digits first, so half a unit of the last digit less fits.
    const scale = f.scale ?? 2;
    const bound = 10 ** ((f.precision ?? 18) - scale) - 5 * 10 ** (-scale - 1);
    return {
      type: 'number',
      ...(f.min !== undefined ? { minimum: f.min } : { exclusiveMinimum: -bound }),
      ...(f.max !== undefined ? { maximum: f.max } : { exclusiveMaximum: bound }),
    };
  },
  operators: ORDERED,
  writable: true,
});
