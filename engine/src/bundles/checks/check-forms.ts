import type { AnyFormElement, FormDefinition, FormRule, RelatedElement } from '@opsflux/definitions';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { BundleIssue } from '../bundle-types.ts';
import {
  namingIssues,
  recordColumns,
  resolveEntity,
  type BundleCheck,
  type CheckContext,
  type Resolved,
} from './check-context.ts';

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
    else if (found) formProblems(ctx, def, found, say);
  }
  return issues;
};

type RelatedCheck = (el: RelatedElement, at: string) => void;

function formProblems(ctx: CheckContext, def: FormDefinition, found: Resolved, say: Say): void {
  const columns = recordColumns(found);
  const related: RelatedCheck = (el, at) => relatedProblems(ctx, el, at, found, say);
  if (def.wizard && def.layout.type !== 'Categorization')
    say(
      '/layout/type',
      'form.wizard',
      'a wizard shows the categories of a Categorization as steps: make the layout one',
    );
  layoutProblems(def.layout, '/layout', columns, found.entity.name, related, say);
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
    layoutProblems(layout, at, columns, found.entity.name, related, say);
  }
}

/** One layout tree: fields exist and appear once, rules read fields and hold schemas. */
function layoutProblems(
  root: AnyFormElement,
  base: string,
  columns: Set<string>,
  entity: string,
  related: RelatedCheck,
  say: Say,
): void {
  const placed = new Map<string, string>();
  const fieldOf = (scope: string, at: string): string | undefined => {
    const field = scope.slice(PREFIX.length);
    if (columns.has(field)) return field;
    say(at, 'form.unknown_field', `${entity} has no field "${field}"`);
    return undefined;
  };
  const visit = (el: AnyFormElement, at: string) => {
    if (el.rule) ruleProblems(el.rule, `${at}/rule`, fieldOf, say);
    if (el.type === 'Related') related(el, at);
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

/** The related entity exists, its field is a reference to the form's entity, its columns are fields. */
function relatedProblems(ctx: CheckContext, el: RelatedElement, at: string, form: Resolved, say: Say): void {
  const found = resolveEntity(ctx, el.entity);
  if (typeof found === 'string') return say(`${at}/entity`, 'form.unknown_entity', found);
  if (!found) return;
  const field = found.entity.fields.find((f) => f.name === el.field);
  const here = `${form.bundle}.${form.entity.name}`;
  const target = field && 'entity' in field && typeof field.entity === 'string' ? field.entity : undefined;
  const targetKey = target && (target.includes('.') ? target : `${found.bundle}.${target}`);
  if (!field) say(`${at}/field`, 'form.unknown_field', `${found.entity.name} has no field "${el.field}"`);
  else if ((field.type !== 'reference' && field.type !== 'references') || targetKey !== here)
    say(
      `${at}/field`,
      'form.related_field',
      `"${el.field}" of ${found.entity.name} does not refer to ${form.entity.name}: name a reference field to it`,
    );
  const columns = recordColumns(found);
  (el.columns ?? []).forEach((c, i) => {
    if (!columns.has(c)) say(`${at}/columns/${i}`, 'form.unknown_field', `${found.entity.name} has no field "${c}"`);
  });
}
