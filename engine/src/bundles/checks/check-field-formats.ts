import { fieldFormat, pluginOf } from '../../plugins/language-extensions.ts';
import type { BundleIssue } from '../bundle-types.ts';
import { fieldPointer, type BundleCheck } from './check-context.ts';

/** A `string` field's `format` is provided by a loaded plugin, and its default passes it. */
export const checkFieldFormats: BundleCheck = ({ entities }) => {
  const issues: BundleIssue[] = [];
  for (const { file, def } of entities) {
    for (const field of def.fields) {
      if (field.type !== 'string' || !field.format) continue;
      const at = (suffix: string, code: string, message: string) =>
        issues.push({
          file,
          pointer: `${fieldPointer(def, field)}${suffix}`,
          code,
          message: `Field "${field.name}": ${message}`,
        });
      const format = fieldFormat(field.format);
      if (!format) {
        at(
          '/format',
          'field.unknown_format',
          `no loaded plugin provides the format "${field.format}" (is the plugin "${pluginOf(field.format)}" in PLUGINS?)`,
        );
        continue;
      }
      if (typeof field.default !== 'string') continue;
      let verdict: true | string;
      try {
        verdict = format.validate(format.normalize ? format.normalize(field.default) : field.default);
      } catch {
        verdict = 'it cannot be read';
      }
      if (verdict !== true)
        at(
          '/default',
          'field.default_format',
          `the default is not a valid ${format.label}${verdict ? `: ${verdict}` : ''}`,
        );
    }
  }
  return issues;
};
