import type { AutomationAction, AutomationDefinition } from '@opsflux/definitions';
import { lastCronTime, validTimeZone } from '../../automations/scheduler.ts';
import { hasPluginAction, pluginOf } from '../../plugins/language-extensions.ts';
import type { BundleIssue } from '../bundle-types.ts';
import { logicProblem } from '../json-logic-vars.ts';
import { resolveEntity, type BundleCheck, type CheckContext, type Resolved } from './check-context.ts';
import { roleProblem } from './check-workflows.ts';

const RECORD_TRIGGER = /^(record|field|transition|approval|date)/;

/**
 * An automation listens to an entity that exists (of this bundle or a dependency), to fields,
 * transitions, states and approvals it has; schedules parse in a known time zone; conditions are
 * valid json-logic; actions name entities, fields, transitions and roles that exist.
 */
export const checkAutomations: BundleCheck = (ctx) => {
  const issues: BundleIssue[] = [];
  const localRoles = new Set(ctx.permissions.flatMap((p) => (p.def.roles ?? []).map((r) => r.name)));
  const names = new Set<string>();
  for (const { file, def } of ctx.automations) {
    const say = (pointer: string, code: string, message: string) =>
      issues.push({ file, pointer, code, message: `Automation "${def.name}": ${message}` });
    if (names.has(def.name)) say('/name', 'automation.duplicate', 'the name is used twice');
    names.add(def.name);
    let own: Resolved | undefined;
    if (RECORD_TRIGGER.test(def.trigger.type)) {
      if (!def.entity) say('', 'automation.entity_missing', `a "${def.trigger.type}" trigger needs an "entity"`);
      else {
        const found = resolveEntity(ctx, def.entity);
        if (typeof found === 'string') say('/entity', 'automation.unknown_entity', found);
        else own = found;
      }
    }
    if (own) triggerProblems(def, own, say);
    if (def.trigger.type === 'schedule') {
      const tz = def.trigger.timezone;
      if (tz !== undefined && !validTimeZone(tz))
        say('/trigger/timezone', 'automation.timezone', `"${tz}" is not a time zone`);
      else {
        try {
          lastCronTime(def.trigger.cron, tz, new Date(0), new Date(60_000));
        } catch (err) {
          say(
            '/trigger/cron',
            'automation.cron',
            `"${def.trigger.cron}" is not a cron expression: ${(err as Error).message}`,
          );
        }
      }
    }
    if (def.condition !== undefined) {
      const problem = logicProblem(def.condition);
      if (problem) say('/condition', 'automation.condition', problem);
    }
    def.actions.forEach((action, i) => {
      for (const p of actionProblems(ctx, action, own, localRoles)) say(`/actions/${i}${p.pointer}`, p.code, p.message);
    });
  }
  return issues;
};

function triggerProblems(def: AutomationDefinition, own: Resolved, say: (p: string, c: string, m: string) => void) {
  const t = def.trigger;
  const fields = new Map(own.entity.fields.map((f) => [f.name, f]));
  if (t.type === 'field.changed' && !fields.has(t.field) && t.field !== 'state')
    say('/trigger/field', 'automation.unknown_field', `${own.entity.name} has no field "${t.field}"`);
  if (t.type === 'date') {
    const f = fields.get(t.field);
    if (!f || (f.type !== 'date' && f.type !== 'datetime'))
      say('/trigger/field', 'automation.date_field', `"${t.field}" is not a date field of ${own.entity.name}`);
    if (t.timezone !== undefined && !validTimeZone(t.timezone))
      say('/trigger/timezone', 'automation.timezone', `"${t.timezone}" is not a time zone`);
  }
  if (t.type === 'transition') {
    if (!own.workflow) say('/trigger', 'automation.no_workflow', `${own.entity.name} has no workflow`);
    else if (t.transition && !own.workflow.transitions.some((x) => x.name === t.transition))
      say('/trigger/transition', 'automation.unknown_transition', `the workflow has no transition "${t.transition}"`);
    else if (t.to && !own.workflow.states.some((x) => x.name === t.to))
      say('/trigger/to', 'automation.unknown_state', `the workflow has no state "${t.to}"`);
  }
  if (t.type.startsWith('approval.') && 'approval' in t && t.approval) {
    if (!own.workflow?.states.some((s) => s.approval?.name === t.approval))
      say('/trigger/approval', 'automation.unknown_approval', `the workflow has no approval "${t.approval}"`);
  }
}

function actionProblems(
  ctx: CheckContext,
  action: AutomationAction,
  own: Resolved | undefined,
  localRoles: Set<string>,
): { pointer: string; code: string; message: string }[] {
  const out: { pointer: string; code: string; message: string }[] = [];
  const say = (pointer: string, code: string, message: string) => out.push({ pointer, code, message });
  const fieldsOf = (target: Resolved, values: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(values)) {
      if (!target.entity.fields.some((f) => f.name === k))
        say(`/values/${k}`, 'automation.unknown_field', `${target.entity.name} has no field "${k}"`);
      const problem = v !== null && typeof v === 'object' && !Array.isArray(v) ? logicProblem(v) : undefined;
      if (problem) say(`/values/${k}`, 'automation.value', problem);
    }
  };
  /** The record an update or a transition aims at: the event's, or the one a reference names. */
  const aimed = (target: string | undefined): Resolved | undefined => {
    if (!own) {
      say('', 'automation.no_record', 'this trigger has no record to act on');
      return undefined;
    }
    if (!target) return own;
    const f = own.entity.fields.find((x) => x.name === target);
    if (!f || f.type !== 'reference') {
      say('/target', 'automation.target', `"${target}" is not a reference field of ${own.entity.name}`);
      return undefined;
    }
    const found = resolveEntity(ctx, (f as { entity: string }).entity);
    return typeof found === 'string' ? undefined : found;
  };
  switch (action.type) {
    case 'create': {
      const found = resolveEntity(ctx, action.entity);
      if (typeof found === 'string') say('/entity', 'automation.unknown_entity', found);
      else if (found) fieldsOf(found, action.values);
      break;
    }
    case 'update': {
      const target = aimed(action.target);
      if (target) fieldsOf(target, action.values);
      break;
    }
    case 'transition': {
      const target = aimed(action.target);
      if (target && !target.workflow?.transitions.some((t) => t.name === action.transition))
        say(
          '/transition',
          'automation.unknown_transition',
          `${target.entity.name} has no transition "${action.transition}"`,
        );
      break;
    }
    case 'notify':
    case 'email': {
      (action.to.roles ?? []).forEach((r, j) => {
        const problem = roleProblem(r, ctx.manifest.name, ctx.manifest.dependencies ?? {}, localRoles, ctx.available);
        if (problem) say(`/to/roles/${j}`, 'automation.unknown_role', problem);
      });
      (action.to.fields ?? []).forEach((f, j) => {
        if (own && !own.entity.fields.some((x) => x.name === f && x.type === 'string'))
          say(
            `/to/fields/${j}`,
            'automation.user_field',
            `"${f}" is not a text field of ${own.entity.name} holding a user id`,
          );
      });
      break;
    }
    case 'plugin': {
      if (!hasPluginAction(action.action))
        say(
          '/action',
          'automation.unknown_plugin_action',
          `no loaded plugin provides the action "${action.action}" (is the plugin "${pluginOf(action.action)}" in PLUGINS?)`,
        );
      for (const [k, v] of Object.entries(action.params ?? {})) {
        const problem = v !== null && typeof v === 'object' && !Array.isArray(v) ? logicProblem(v) : undefined;
        if (problem) say(`/params/${k}`, 'automation.value', problem);
      }
      break;
    }
    default:
      break;
  }
  return out;
}
