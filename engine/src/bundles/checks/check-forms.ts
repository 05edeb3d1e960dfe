import type { AnyFormElement, FormDefinition, FormRule } from '@opsflux/definitions';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { BundleIssue } from '../bundle-types.ts';
import { namingIssues, recordColumns, resolveEntity, type BundleCheck, type Resolved } from './check-context.ts';

type Say = (pointer: string, code: string, message: string) => void;

const ajv = new Ajv({ strict: false });
addFormats.default(ajv);
const PREFIX = '#/properties/';

/**
 * A form lays out an entity that exists: every control and every rule names one of its fields
 * (or system columns), no field is placed twice in one layout, rule conditions are JSON Schemas,
 * a wizard is a Categorization, and variants are for states of the entity's workflow.
 */
export const checkForms: BundleCheck = (ctx) => {
  const issues: BundleIssue[] = namingIssues('form', ctx.forms);
  for (const { file, def } of ctx.forms) {
    const say: Say = (pointer, code, message) =>
      issues.push({ file, pointer, code, message: `Form "${def.name}": ${message}` });
    const found = resolveEntity(ctx, def.entity);
    if (typeof found === 'string') say('/entity', 'form.unknown_entity', found);
    else if (found) formProblems(def, found, say);
  }
  return issues;
};

function formProblems(def: FormDefinition, found: Resolved, say: Say): void {
  const columns = recordColumns(found);
  if (def.wizard && def.layout.type !== 'Categorization')
    say(
      '/layout/type',
      'form.wizard',
      'a wizard shows the categories of a Categorization as steps: make the layout one',
    );
  layoutProblems(def.layout, '/layout', columns, found.entity.name, say);
  if (!def.variants) return;
  if (!found.workflow) {
    say('/variants', 'form.no_workflow', `${found.entity.name} has no workflow, so it has no state to vary by`);
    return;
  }
  const states = found.workflow.states.map((s) => s.name);
  for (const [state, layout] of Object.entries(def.variants)) {
    const at = `/variants/${state}`;
    if (!states.includes(state))
      say(at, 'form.unknown_state', `the workflow has no state "${state}" (states: ${states.join(', ')})`);
    layoutProblems(layout, at, columns, found.entity.name, say);
  }
}

/** One layout tree: fields exist and appear once, rules read fields and hold schemas. */
function layoutProblems(root: AnyFormElement, base: string, columns: Set<string>, entity: string, say: Say): void {
  const placed = new Map<string, string>();
  const fieldOf = (scope: string, at: string): string | undefined => {
    const field = scope.slice(PREFIX.length);
    if (columns.has(field)) return field;
    say(at, 'form.unknown_field', `${entity} has no field "${field}"`);
    return undefined;
  };
  const visit = (el: AnyFormElement, at: string) => {
    if (el.rule) ruleProblems(el.rule, `${at}/rule`, fieldOf, say);
    if (el.type === 'Control') {
      const field = fieldOf(el.scope, `${at}/scope`);
      const first = field && placed.get(field);
      if (first)
        say(`${at}/scope`, 'form.duplicate_field', `"${field}" is already placed in this layout (at ${first})`);
      else if (field) placed.set(field, at);
    }
    if ('elements' in el) el.elements.forEach((child, i) => visit(child, `${at}/elements/${i}`));
  };
  visit(root, base);
}

function ruleProblems(
  rule: FormRule,
  at: string,
  fieldOf: (scope: string, at: string) => string | undefined,
  say: Say,
): void {
  fieldOf(rule.condition.scope, `${at}/condition/scope`);
  try {
    ajv.compile(rule.condition.schema);
  } catch (e) {
    say(
      `${at}/condition/schema`,
      'form.rule_schema',
      `the condition is not a valid JSON Schema: ${(e as Error).message}`,
    );
  }
}
