import { pickText } from '@opsflux/definitions';
import type { ErrorDetail } from '../errors.ts';
import { fieldFormat, pluginOf } from '../plugins/language-extensions.ts';
import type { CompiledEntity } from '../registry/registry-types.ts';

/*
 * `string` fields with a `format` a plugin provides (`"format": "iban.iban"`): values are
 * normalized by the plugin before they are validated and stored, then checked by it. A format
 * whose plugin is not loaded (it failed, or was removed) refuses values rather than storing
 * unchecked ones.
 */

function formatted(entity: CompiledEntity): { name: string; format: string; label: string }[] {
  const out = [];
  for (const f of entity.fields.values()) {
    if (f.def.type === 'string' && f.def.format)
      out.push({ name: f.name, format: f.def.format, label: pickText(f.def.label) });
  }
  return out;
}

/** Puts the text values of formatted fields in their stored form, in place. */
export function normalizeFormats(entity: CompiledEntity, payload: unknown): void {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return;
  const record = payload as Record<string, unknown>;
  for (const f of formatted(entity)) {
    const v = record[f.name];
    const normalize = fieldFormat(f.format)?.normalize;
    if (typeof v !== 'string' || !normalize) continue;
    try {
      const out = normalize(v);
      if (typeof out === 'string') record[f.name] = out;
    } catch {
      // Left as typed: the check below says what is wrong with it.
    }
  }
}

/** What the plugins say is wrong with the text values of formatted fields. */
export function formatProblems(entity: CompiledEntity, fields: Record<string, unknown>, prefix = ''): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  for (const f of formatted(entity)) {
    const v = fields[f.name];
    if (typeof v !== 'string' || v === '') continue;
    const path = `${prefix}${f.name}`;
    const format = fieldFormat(f.format);
    if (!format) {
      errors.push({
        path,
        code: 'format_unavailable',
        message: `"${f.label}" cannot be checked: the plugin "${pluginOf(f.format)}" providing its format is not loaded`,
      });
      continue;
    }
    let verdict: true | string;
    try {
      verdict = format.validate(v);
    } catch {
      verdict = 'cannot be read';
    }
    if (verdict !== true) {
      const why = typeof verdict === 'string' && verdict ? `: ${verdict}` : '';
      errors.push({ path, code: 'format', message: `"${f.label}" must be a valid ${format.label}${why}` });
    }
  }
  return errors;
}
