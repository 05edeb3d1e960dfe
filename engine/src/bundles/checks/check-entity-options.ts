import { FIELD_TYPES, parseSequencePattern } from '@opsflux/definitions';
import type { BundleIssue } from '../bundle-types.ts';
import { SYSTEM_FIELDS } from '../../query/filter-to-sql.ts';
import { logicProblem, logicVariables } from '../json-logic-vars.ts';
import { fieldNames, fieldPointer, type BundleCheck } from './check-context.ts';

const typeInfo = new Map(FIELD_TYPES.map((t) => [t.type, t]));

/** displayField, indexes, searchable, sequence, rules and computed expressions name real fields. */
export const checkEntityOptions: BundleCheck = ({ entities }) => {
  const issues: BundleIssue[] = [];
  for (const { file, def } of entities) {
    const names = fieldNames(def);
    const say = (pointer: string, code: string, message: string) => issues.push({ file, pointer, code, message });
    const known = `known fields: ${[...names].join(', ')}`;
    const byName = new Map(def.fields.map((f) => [f.name, f]));

    if (def.displayField && !names.has(def.displayField)) {
      say(
        '/displayField',
        'entity.display_field',
        `The display field "${def.displayField}" is not a field of "${def.name}" (${known})`,
      );
    }
    def.indexes?.forEach((index, i) => {
      index.fields.forEach((name, j) => {
        const f = byName.get(name);
        if (!f)
          say(
            `/indexes/${i}/fields/${j}`,
            'index.unknown_field',
            `Index ${i + 1} names "${name}", which is not a field of "${def.name}" (${known})`,
          );
        else if (!typeInfo.get(f.type)!.indexable)
          say(
            `/indexes/${i}/fields/${j}`,
            'index.not_indexable',
            `Index ${i + 1}: "${name}" is a ${f.type} field, which cannot be indexed`,
          );
      });
    });
    def.searchable?.forEach((name, i) => {
      const f = byName.get(name);
      if (!f)
        say(
          `/searchable/${i}`,
          'searchable.unknown_field',
          `"${name}" is listed as searchable but is not a field of "${def.name}" (${known})`,
        );
      else if (!typeInfo.get(f.type)!.searchable)
        say(
          `/searchable/${i}`,
          'searchable.not_text',
          `"${name}" is of type ${f.type}; only text-like fields can be searchable`,
        );
    });
    if (def.sequence) {
      const f = byName.get(def.sequence.field);
      if (!f)
        say(
          '/sequence/field',
          'sequence.unknown_field',
          `The numbering sequence fills "${def.sequence.field}", which is not a field of "${def.name}"`,
        );
      else if (f.type !== 'string')
        say(
          '/sequence/field',
          'sequence.field_type',
          `The numbering sequence fills "${f.name}", which must be a string field, not ${f.type}`,
        );
      const parsed = parseSequencePattern(def.sequence.pattern);
      if (!parsed.ok)
        say(
          '/sequence/pattern',
          'sequence.pattern',
          `The numbering pattern "${def.sequence.pattern}" is not valid: ${parsed.error}`,
        );
    }
    const ruleNames = new Set<string>();
    def.rules?.forEach((rule, i) => {
      if (ruleNames.has(rule.name)) say(`/rules/${i}/name`, 'rule.duplicate', `Two rules are named "${rule.name}"`);
      ruleNames.add(rule.name);
      const problem = logicProblem(rule.expression);
      if (problem) say(`/rules/${i}/expression`, 'rule.expression', `Rule "${rule.name}": ${problem}`);
      for (const v of logicVariables(rule.expression)) {
        // Rules may read the record's own columns (its id, to leave it out of a count).
        if (!names.has(v) && !(v in SYSTEM_FIELDS))
          say(
            `/rules/${i}/expression`,
            'rule.unknown_variable',
            `Rule "${rule.name}" reads "${v}", which is not a field of "${def.name}" (${known})`,
          );
      }
      if (rule.field && !names.has(rule.field))
        say(
          `/rules/${i}/field`,
          'rule.unknown_field',
          `Rule "${rule.name}" reports on "${rule.field}", which is not a field of "${def.name}"`,
        );
    });
    for (const f of def.fields) {
      if (f.type !== 'computed') continue;
      const pointer = `${fieldPointer(def, f)}/expression`;
      const problem = logicProblem(f.expression);
      if (problem) say(pointer, 'computed.expression', `Computed field "${f.name}": ${problem}`);
      for (const v of logicVariables(f.expression)) {
        if (v === f.name) say(pointer, 'computed.self_reference', `Computed field "${f.name}" cannot read itself`);
        else if (!names.has(v))
          say(
            pointer,
            'computed.unknown_variable',
            `Computed field "${f.name}" reads "${v}", which is not a field of "${def.name}" (${known})`,
          );
        else if (byName.get(v)!.type === 'computed')
          say(
            pointer,
            'computed.chained',
            `Computed field "${f.name}" reads the computed field "${v}"; read its inputs instead`,
          );
      }
    }
  }
  return issues;
};
