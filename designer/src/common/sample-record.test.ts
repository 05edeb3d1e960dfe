import { FIELD_TYPES, type FieldDefinition } from '@opsflux/definitions';
import { describe, expect, it } from 'vitest';
import { sampleRecord } from './sample-record.ts';

describe('sample record', () => {
  it('gives every field type a value of its kind, defaults first', () => {
    const fields = FIELD_TYPES.map(
      (t) =>
        ({
          name: t.type,
          type: t.type,
          label: { en: t.type },
          values: [{ value: 'a', label: { en: 'A' } }],
        }) as unknown as FieldDefinition,
    );
    const record = sampleRecord(fields);
    expect(Object.keys(record)).toHaveLength(FIELD_TYPES.length);
    expect(record).toMatchObject({ integer: 1, boolean: true, enum: 'a', date: '2026-01-31', computed: null });
    expect(sampleRecord([{ name: 'n', type: 'integer', label: { en: 'N' }, default: 7 }])).toEqual({ n: 7 });
    const short = { name: 'c', type: 'string', label: { en: 'Country' }, maxLength: 2 } as const;
    expect(sampleRecord([short, { ...short, name: 'p', pattern: '^[A-Z]+$' }])).toEqual({ c: 'Co' });
  });
});
