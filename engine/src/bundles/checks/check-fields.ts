import { FIELD_TYPES, type FieldDefinition } from '@opsflux/definitions';
import type { BundleIssue } from '../bundle-types.ts';
import { fieldPointer, type BundleCheck } from './check-context.ts';

const typeInfo = new Map(FIELD_TYPES.map((t) => [t.type, t]));

/** Per-field consistency: limits in order, defaults that fit, options the type supports. */
export const checkFields: BundleCheck = ({ entities }) => {
  const issues: BundleIssue[] = [];
  for (const { file, def } of entities) {
    for (const field of def.fields) {
      const at = (suffix: string, code: string, message: string) =>
        issues.push({
          file,
          pointer: `${fieldPointer(def, field)}${suffix}`,
          code,
          message: `Field "${field.name}": ${message}`,
        });
      const info = typeInfo.get(field.type)!;
      if ((field.unique || field.index) && !info.indexable) {
        at(
          field.unique ? '/unique' : '/index',
          'field.not_indexable',
          `fields of type ${field.type} cannot be unique or indexed`,
        );
      }
      if (field.searchable && !info.searchable)
        at(
          '/searchable',
          'field.not_searchable',
          `fields of type ${field.type} cannot be searchable; only text-like fields can`,
        );
      if (field.type === 'computed' && field.required)
        at(
          '/required',
          'field.computed_required',
          'a computed field is filled by its expression and cannot be required',
        );
      checkLimits(field, at);
      checkDefault(field, at);
    }
  }
  return issues;
};

type At = (suffix: string, code: string, message: string) => void;

function checkLimits(field: FieldDefinition, at: At): void {
  if ('min' in field && 'max' in field && field.min !== undefined && field.max !== undefined && field.min > field.max) {
    at('/min', 'field.range', `min (${field.min}) is greater than max (${field.max})`);
  }
  if (
    'minLength' in field &&
    'maxLength' in field &&
    field.minLength !== undefined &&
    field.maxLength !== undefined &&
    field.minLength > field.maxLength
  ) {
    at(
      '/minLength',
      'field.length_range',
      `minLength (${field.minLength}) is greater than maxLength (${field.maxLength})`,
    );
  }
  if (field.type === 'decimal' && (field.scale ?? 2) > (field.precision ?? 18)) {
    at('/scale', 'field.scale', `scale (${field.scale ?? 2}) cannot exceed precision (${field.precision ?? 18})`);
  }
  if (field.type === 'enum') {
    const values = field.values.map((v) => v.value);
    const dup = values.find((v, i) => values.indexOf(v) !== i);
    if (dup) at('/values', 'field.enum_duplicate', `the value "${dup}" is listed twice`);
  }
}

function checkDefault(field: FieldDefinition, at: At): void {
  const d = field.default;
  if (d === undefined) return;
  if (field.type === 'enum' && !field.values.some((v) => v.value === d)) {
    at('/default', 'field.default_not_in_enum', `the default "${String(d)}" is not one of its values`);
  }
  if (field.type === 'string' && typeof d === 'string') {
    if (field.maxLength !== undefined && d.length > field.maxLength)
      at('/default', 'field.default_too_long', 'the default is longer than maxLength');
    if (field.pattern && !new RegExp(`^(?:${field.pattern})$`, 'u').test(d))
      at('/default', 'field.default_pattern', 'the default does not match the pattern');
  }
  if ((field.type === 'integer' || field.type === 'decimal') && typeof d === 'number') {
    if ((field.min !== undefined && d < field.min) || (field.max !== undefined && d > field.max))
      at('/default', 'field.default_range', 'the default is outside min/max');
  }
}
