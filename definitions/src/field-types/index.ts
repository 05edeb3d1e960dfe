import { booleanType, type BooleanField } from './boolean.ts';
import { computedType, type ComputedField } from './computed.ts';
import { dateType, type DateField } from './date.ts';
import { datetimeType, type DatetimeField } from './datetime.ts';
import { decimalType, type DecimalField } from './decimal.ts';
import { emailType, type EmailField } from './email.ts';
import { enumType, type EnumField } from './enum.ts';
import { geopointType, type GeopointField } from './geopoint.ts';
import { integerType, type IntegerField } from './integer.ts';
import { jsonType, type JsonField } from './json.ts';
import { phoneType, type PhoneField } from './phone.ts';
import { referenceType, type ReferenceField } from './reference.ts';
import { referencesType, type ReferencesField } from './references.ts';
import { stringType, type StringField } from './string.ts';
import { textType, type TextField } from './text.ts';
import { timeType, type TimeField } from './time.ts';
import { urlType, type UrlField } from './url.ts';

export * from './field-type.ts';
export { ON_DELETE, type OnDelete, REFERENCE_TARGET_PATTERN } from './reference.ts';
export { COMPUTED_RESULT_TYPES, type ComputedResultType } from './computed.ts';
export type { EnumValue } from './enum.ts';
export type {
  BooleanField,
  ComputedField,
  DateField,
  DatetimeField,
  DecimalField,
  EmailField,
  EnumField,
  GeopointField,
  IntegerField,
  JsonField,
  PhoneField,
  ReferenceField,
  ReferencesField,
  StringField,
  TextField,
  TimeField,
  UrlField,
};

/** Every field type of the language. Adding a type: one file above and one line here. */
export const FIELD_TYPES = [
  stringType,
  textType,
  integerType,
  decimalType,
  booleanType,
  dateType,
  datetimeType,
  timeType,
  enumType,
  emailType,
  phoneType,
  urlType,
  referenceType,
  referencesType,
  jsonType,
  geopointType,
  computedType,
] as const;

export type FieldType = (typeof FIELD_TYPES)[number]['type'];

export type FieldDefinition =
  | StringField
  | TextField
  | IntegerField
  | DecimalField
  | BooleanField
  | DateField
  | DatetimeField
  | TimeField
  | EnumField
  | EmailField
  | PhoneField
  | UrlField
  | ReferenceField
  | ReferencesField
  | JsonField
  | GeopointField
  | ComputedField;
