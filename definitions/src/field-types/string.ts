import { defineFieldType, lengthProperties, type FieldBase } from './field-type.ts';

export interface StringField extends FieldBase {
  type: 'string';
  minLength?: number;
  /** Defaults to 255. */
  maxLength?: number;
  /** A regular expression the whole value must match. */
  pattern?: string;
  /**
   * A text format a plugin provides, `<plugin>.<type>` (`iban.iban`): the plugin normalizes and
   * checks values. Valid only while that plugin is loaded.
   */
  format?: string;
}

/** `<plugin>.<type>`, as plugin names and their field types are spelt. */
const PLUGIN_FORMAT_PATTERN = '^[a-z][a-z0-9]*(-[a-z0-9]+)*\\.[a-z][a-zA-Z0-9_]*$';

export const stringType = defineFieldType({
  type: 'string',
  properties: {
    ...lengthProperties,
    pattern: { type: 'string', minLength: 1, format: 'regex' },
    format: { type: 'string', pattern: PLUGIN_FORMAT_PATTERN, maxLength: 101 },
  },
  searchable: true,
  indexable: true,
  defaultSchema: { type: 'string' },
});
