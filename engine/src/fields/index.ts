import type { FieldDefinition } from '@opsflux/definitions';
import { booleanField } from './boolean.ts';
import { computedField, computedOperators } from './computed.ts';
import { emailField, phoneField, urlField } from './communication.ts';
import { decimalField } from './decimal.ts';
import { enumField } from './enum.ts';
import type { FieldRuntime, FilterOperator } from './field-runtime.ts';
import { integerField } from './integer.ts';
import { referenceField, referencesField } from './reference.ts';
import { stringField } from './string.ts';
import { jsonField, geopointField } from './structured.ts';
import { dateField, datetimeField, timeField } from './temporal.ts';
import { textField } from './text.ts';

export type { FieldRuntime, FilterOperator } from './field-runtime.ts';

/** The engine side of each field type, keyed by type name. */
// Each runtime is typed for its own field type; the map below is keyed by that type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const RUNTIMES: FieldRuntime<any>[] = [
  stringField,
  textField,
  integerField,
  decimalField,
  booleanField,
  dateField,
  datetimeField,
  timeField,
  enumField,
  emailField,
  phoneField,
  urlField,
  referenceField,
  referencesField,
  jsonField,
  geopointField,
  computedField,
];
const byType = new Map<string, FieldRuntime>(RUNTIMES.map((r) => [r.type, r]));

export function fieldRuntime(field: FieldDefinition): FieldRuntime {
  const rt = byType.get(field.type);
  if (!rt) throw new Error(`No runtime for field type ${field.type}`);
  return rt;
}

export function fieldOperators(field: FieldDefinition): FilterOperator[] {
  return field.type === 'computed' ? computedOperators(field) : fieldRuntime(field).operators;
}
