import type { EntityDefinition, WorkflowDefinition } from '@opsflux/definitions';
import semver from 'semver';
import type { BundleIssue } from '../bundle-types.ts';
import { SYSTEM_FIELDS } from '../../query/filter-to-sql.ts';
import { logicPaths, logicProblem } from '../json-logic-vars.ts';
import type { BundleCheck } from './check-context.ts';

/** Variables a guard may read: the record's fields, the user and the date. */
const GUARD_ROOTS = new Set(['record', 'user', 'now', 'facts']);

/**
 * A workflow governs an entity of its bundle (one workflow per entity), has exactly one initial
 * state, transitions between its own states, roles and fields that exist, guards that read
 * `record.<field>`, `user.*` or `now`; every state can be reached, and a state no transition
 * leaves is final.
 */
export const checkWorkflows: BundleCheck = ({ manifest, entities, permissions, workflows, available }) => {
  const issues: BundleIssue[] = [];
  const governed = new Map<string, string>();
  const localRoles = new Set(permissions.flatMap((p) => (p.def.roles ?? []).map((r) => r.name)));
  for (const { file, def } of workflows) {
    const say = (pointer: string, code: string, message: string) => issues.push({ file, pointer, code, message });
    const entity = entities.find((e) => e.def.name === def.entity)?.def;
    if (!entity) {
      say(
        '/entity',
        'workflow.unknown_entity',
        `The workflow governs "${def.entity}", which is not an entity of this bundle`,
      );
      continue;
    }
    if (governed.has(def.entity)) {
      say('/entity', 'workflow.duplicate', `"${def.entity}" already has the workflow ${governed.get(def.entity)}`);
    }
    governed.set(def.entity, file);
    const fields = new Set(entity.fields.map((f) => f.name));
    const states = new Map<string, number>();
    def.states.forEach((s, i) => {
      if (states.has(s.name))
        say(`/states/${i}/name`, 'workflow.duplicate_state', `The state "${s.name}" is defined twice`);
      states.set(s.name, i);
    });
    const initial = def.states.filter((s) => s.initial);
    if (initial.length !== 1) {
      say('/states', 'workflow.initial', `A workflow has exactly one initial state; this one has ${initial.length}`);
    }
    const names = new Set<string>();
    def.transitions.forEach((t, i) => {
      const at = (p: string, code: string, message: string) =>
        say(`/transitions/${i}${p}`, code, `Transition "${t.name}": ${message}`);
      if (names.has(t.name)) at('/name', 'workflow.duplicate_transition', 'the name is used twice');
      names.add(t.name);
      t.from.forEach((f, j) => {
        if (!states.has(f)) at(`/from/${j}`, 'workflow.unknown_state', `there is no state "${f}"`);
        else if (def.states[states.get(f)!]!.final)
          at(`/from/${j}`, 'workflow.from_final', `"${f}" is final: nothing leaves it`);
      });
      if (!states.has(t.to)) at('/to', 'workflow.unknown_state', `there is no state "${t.to}"`);
      (t.roles ?? []).forEach((r, j) => {
        const problem = roleProblem(r, manifest.name, manifest.dependencies ?? {}, localRoles, available);
        if (problem) at(`/roles/${j}`, 'workflow.unknown_role', problem);
      });
      (t.requiredFields ?? []).forEach((f, j) => {
        if (!fields.has(f)) at(`/requiredFields/${j}`, 'workflow.unknown_field', `${def.entity} has no field "${f}"`);
      });
      if (t.userField !== undefined) {
        const f = entity.fields.find((x) => x.name === t.userField);
        if (!f) at('/userField', 'workflow.unknown_field', `${def.entity} has no field "${t.userField}"`);
        else if (f.type !== 'string') {
          at('/userField', 'workflow.user_field', `"${t.userField}" must be a text field holding a user id`);
        }
      }
      for (const [fact, logic] of Object.entries(t.facts ?? {})) {
        const problem = logicProblem(logic);
        if (problem) at(`/facts/${fact}`, 'workflow.fact_invalid', problem);
      }
      if (t.guard !== undefined) {
        const problem = logicProblem(t.guard);
        if (problem) at('/guard', 'workflow.guard_invalid', problem);
        for (const v of logicPaths(t.guard)) {
          const [root, field] = v.split('.');
          if (!GUARD_ROOTS.has(root!)) {
            at(
              '/guard',
              'workflow.guard_variable',
              `the guard reads "${v}"; use record.<field>, user.id, user.roles or now`,
            );
          } else if (root === 'record' && field && !fields.has(field) && !(field in SYSTEM_FIELDS)) {
            at(
              '/guard',
              'workflow.guard_variable',
              `the guard reads "${v}", but ${def.entity} has no field "${field}"`,
            );
          }
        }
      }
    });
    for (const problem of shapeProblems(def)) say('/states', problem.code, problem.message);
    def.migrations?.forEach((m, i) => {
      if (!semver.validRange(m.from))
        say(`/migrations/${i}/from`, 'workflow.migration_range', `"${m.from}" is not a version range (e.g. "1.x")`);
      for (const [from, to] of Object.entries(m.states ?? {})) {
        if (!states.has(to))
          say(
            `/migrations/${i}/states/${from}`,
            'workflow.unknown_state',
            `The migration moves "${from}" to "${to}", which is not a state of this workflow`,
          );
      }
    });
    def.states.forEach((state, i) => {
      if (!state.approval) return;
      const roleCheck = (r: string) =>
        roleProblem(r, manifest.name, manifest.dependencies ?? {}, localRoles, available);
      for (const p of approvalProblems(state, def, entity, roleCheck))
        say(`/states/${i}/approval${p.pointer}`, p.code, p.message);
    });
  }
  return issues;
};

/**
 * An approval's outcomes are transitions leaving its state; quorum only in quorum mode and no
 * larger than the steps; approvers named by roles that exist and text fields of the entity.
 */
function approvalProblems(
  state: WorkflowDefinition['states'][number],
  def: WorkflowDefinition,
  entity: EntityDefinition,
  roleCheck: (ref: string) => string | undefined,
): { pointer: string; code: string; message: string }[] {
  const a = state.approval!;
  const out: { pointer: string; code: string; message: string }[] = [];
  const say = (pointer: string, code: string, message: string) =>
    out.push({ pointer, code, message: `Approval "${a.name}": ${message}` });
  const leaving = (name: string, pointer: string) => {
    const t = def.transitions.find((x) => x.name === name);
    if (!t) say(pointer, 'approval.unknown_transition', `there is no transition "${name}"`);
    else if (!t.from.includes(state.name))
      say(pointer, 'approval.transition_from', `the transition "${name}" does not leave "${state.name}"`);
  };
  leaving(a.onApproved, '/onApproved');
  leaving(a.onRejected, '/onRejected');
  if (a.escalation?.transition) leaving(a.escalation.transition, '/escalation/transition');
  if (a.mode === 'quorum' && (a.quorum === undefined || a.quorum > a.steps.length))
    say('/quorum', 'approval.quorum', `a quorum between 1 and ${a.steps.length} (the number of steps) is needed`);
  if (a.mode !== 'quorum' && a.quorum !== undefined)
    say('/quorum', 'approval.quorum', `a quorum only applies to the "quorum" mode`);
  const names = new Set<string>();
  a.steps.forEach((step, j) => {
    if (names.has(step.name))
      say(`/steps/${j}/name`, 'approval.duplicate_step', `the step "${step.name}" is defined twice`);
    names.add(step.name);
    const { role, field } = step.approvers;
    const problem = role === undefined ? undefined : roleCheck(role);
    if (problem) say(`/steps/${j}/approvers/role`, 'approval.unknown_role', problem);
    if (field !== undefined) {
      const f = entity.fields.find((x) => x.name === field);
      if (!f) say(`/steps/${j}/approvers/field`, 'approval.unknown_field', `${entity.name} has no field "${field}"`);
      else if (f.type !== 'string')
        say(`/steps/${j}/approvers/field`, 'approval.user_field', `"${field}" must be a text field holding a user id`);
    }
  });
  return out;
}

export function roleProblem(
  ref: string,
  own: string,
  dependencies: Record<string, string>,
  local: Set<string>,
  available: ReadonlyMap<string, { permissions: { roles?: { name: string }[] }[] }>,
): string | undefined {
  const [bundle, name] = ref.includes('.') ? ref.split('.') : [own, ref];
  if (bundle === own) return local.has(name!) ? undefined : `this bundle defines no role "${name}"`;
  if (!Object.hasOwn(dependencies, bundle!)) return `the bundle "${bundle}" is not a dependency`;
  const dep = available.get(bundle!);
  if (dep && !dep.permissions.some((p) => p.roles?.some((r) => r.name === name))) {
    return `the bundle "${bundle}" has no role "${name}"`;
  }
  return undefined;
}

/** States no path reaches from the initial one, and dead ends that are not final. */
function shapeProblems(def: WorkflowDefinition): { code: string; message: string }[] {
  const start = def.states.find((s) => s.initial)?.name;
  if (!start) return [];
  const reached = new Set([start]);
  for (let grew = true; grew;) {
    grew = false;
    for (const t of def.transitions) {
      if (!reached.has(t.to) && t.from.some((f) => reached.has(f))) {
        reached.add(t.to);
        grew = true;
      }
    }
  }
  const out: { code: string; message: string }[] = [];
  for (const s of def.states) {
    if (!reached.has(s.name)) {
      out.push({ code: 'workflow.unreachable', message: `No transition path leads from "${start}" to "${s.name}"` });
    }
    if (!s.final && !def.transitions.some((t) => t.from.includes(s.name))) {
      out.push({
        code: 'workflow.dead_end',
        message: `No transition leaves "${s.name}", which is not final: mark it final or add a way out`,
      });
    }
  }
  return out;
}
