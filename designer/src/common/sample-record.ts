import type { FieldDefinition } from '@opsflux/definitions';

const SAMPLE_ID = '00000000-0000-4000-8000-000000000001';

/** A plausible value of a field, for previews: its default when it has one. */
export function sampleValue(field: FieldDefinition): unknown {
  if (field.default !== undefined) return field.default;
  switch (field.type) {
    case 'string':
    case 'text': {
      // A value the pattern would refuse would only show an error: leave such fields empty.
      if (field.type === 'string' && field.pattern) return undefined;
      const text = field.label.en ?? field.name;
      return field.maxLength ? text.slice(0, field.maxLength) : text;
    }
    case 'integer':
      return field.min ?? 1;
    case 'decimal':
      return field.min ?? 1.5;
    case 'boolean':
      return true;
    case 'date':
      return '2026-01-31';
    case 'datetime':
      return '2026-01-31T08:00:00Z';
    case 'time':
      return '08:30:00';
    case 'enum':
      return field.values[0]?.value ?? null;
    case 'email':
      return 'someone@example.com';
    case 'phone':
      return '+33 1 23 45 67 89';
    case 'url':
      return 'https://example.com';
    case 'reference':
      return SAMPLE_ID;
    case 'references':
      return [SAMPLE_ID];
    case 'json':
      return {};
    case 'geopoint':
      return { latitude: 4.05, longitude: 9.7 };
    case 'computed':
      return null;
  }
}

/** A record with a sample value in every field (computed ones null, patterned texts absent). */
export function sampleRecord(fields: readonly FieldDefinition[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.name, sampleValue(f)]).filter(([, v]) => v !== undefined));
}
