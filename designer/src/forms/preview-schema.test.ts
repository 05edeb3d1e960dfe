import { readFileSync } from 'node:fs';
import { FIELD_TYPES, type EntityDefinition, type FieldDefinition, type FormDefinition } from '@opsflux/definitions';
import { describe, expect, it } from 'vitest';
import { flatten } from './form-tree.ts';
import { fieldSchema, previewForm } from './preview-schema.ts';

const read = <T>(path: string) =>
  JSON.parse(readFileSync(new URL(`../../../definitions/bundles/${path}`, import.meta.url), 'utf8')) as T;
const texts = { computed: 'computed', assignedOnSave: 'on save' };

describe('form preview schema', () => {
  it("draws a shipped form with the entity's fields, labels in the chosen language", () => {
    const entity = read<EntityDefinition>('tiers/entities/company.json');
    const form = read<FormDefinition>('tiers/forms/company.json');
    const { schema, uischema } = previewForm(entity, 'tiers', form.layout, 'fr', texts);
    const props = schema.properties as Record<string, { title?: string; 'x-enum'?: unknown[] }>;
    expect(Object.keys(props)).toEqual(entity.fields.map((f) => f.name));
    expect(props.legal_name?.title).toBe('Raison sociale');
    expect(props.type?.['x-enum']?.length).toBeGreaterThan(1);
    const controls = flatten(uischema as never).filter((r) => r.element.type === 'Control');
    const placed = flatten(form.layout).filter((r) => r.element.type === 'Control');
    expect(controls).toHaveLength(placed.length);
    const group = flatten(uischema as never).find((r) => r.element.type === 'Group')!.element as { label: unknown };
    expect(group.label).toBe('Identité');
  });

  it('gives every field type a value schema', () => {
    for (const t of FIELD_TYPES) {
      const f = {
        name: 'f',
        type: t.type,
        label: { en: 'F' },
        values: [],
        resultType: 'integer',
      } as unknown as FieldDefinition;
      expect(fieldSchema(f)).toBeTypeOf('object');
    }
  });
});
