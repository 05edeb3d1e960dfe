import type { EntityDefinition } from '@opsflux/definitions';
import { Ajv } from 'ajv';
import { checkGrantCondition } from '../../access/grant-condition.ts';
import { compileEntity } from '../../registry/compile-entity.ts';
import type { BundleIssue } from '../bundle-types.ts';
import { extended, type BundleCheck } from './check-context.ts';

const ajv = new Ajv({ strict: false });

/**
 * Roles are unique and inherit from known roles without cycles; grants name a role of this
 * bundle, an entity of this bundle or of a dependency, its fields, a scope the entity supports
 * and a condition that reads the same in SQL and on a record.
 */
export const checkPermissions: BundleCheck = (ctx) => {
  const { manifest, entities, permissions, permissionTests, workflows, available } = ctx;
  const issues: BundleIssue[] = [];
  const own = manifest.name;
  const roles = new Map<string, string[]>();
  const roleFile = new Map<string, string>();
  for (const { file, def } of permissions) {
    (def.roles ?? []).forEach((role, i) => {
      if (roles.has(role.name)) {
        issues.push({
          file,
          pointer: `/roles/${i}/name`,
          code: 'permissions.duplicate_role',
          message: `The role "${role.name}" is defined twice (also in ${roleFile.get(role.name)})`,
        });
      }
      roles.set(role.name, role.inherits ?? []);
      roleFile.set(role.name, file);
    });
  }
  const depRole = (ref: string) => {
    const [bundle, name] = ref.split('.');
    if (!Object.hasOwn(manifest.dependencies ?? {}, bundle!)) return `the bundle "${bundle}" is not a dependency`;
    const dep = available.get(bundle!);
    if (dep && !dep.permissions.some((p) => p.roles?.some((r) => r.name === name)))
      return `the bundle "${bundle}" has no role "${name}"`;
    return undefined;
  };
  for (const { file, def } of permissions) {
    (def.roles ?? []).forEach((role, i) => {
      (role.inherits ?? []).forEach((ref, j) => {
        const problem = ref.includes('.') ? depRole(ref) : roles.has(ref) ? undefined : `there is no role "${ref}"`;
        if (problem)
          issues.push({
            file,
            pointer: `/roles/${i}/inherits/${j}`,
            code: 'permissions.unknown_role',
            message: `Role "${role.name}" inherits from "${ref}", but ${problem}`,
          });
      });
      if (inheritsItself(role.name, roles)) {
        issues.push({
          file,
          pointer: `/roles/${i}/inherits`,
          code: 'permissions.role_cycle',
          message: `Role "${role.name}" inherits from itself through its parents`,
        });
      }
    });
  }
  const entityDef = (ref: string): EntityDefinition | string => {
    const [bundle, name] = ref.includes('.') ? ref.split('.') : [own, ref];
    if (bundle === own) return entities.find((e) => e.def.name === name)?.def ?? `this bundle has no entity "${name}"`;
    if (!Object.hasOwn(manifest.dependencies ?? {}, bundle!))
      return `the bundle "${bundle}" is not listed in bundle.json "dependencies"`;
    const dep = available.get(bundle!);
    if (!dep) return `the bundle "${bundle}" is not available`;
    const entity = dep.entities.find((e) => e.name === name);
    // With the fields extensions add to it: grants on the entity cover them.
    return entity ? extended(ctx, dep, entity) : `the bundle "${bundle}" has no entity "${name}"`;
  };
  const compiled = new Map<string, ReturnType<typeof compileEntity>>();
  for (const { file, def } of permissions) {
    (def.grants ?? []).forEach((grant, i) => {
      const at = (pointer: string, code: string, message: string) =>
        issues.push({ file, pointer: `/grants/${i}${pointer}`, code, message });
      if (!roles.has(grant.role)) {
        at(
          '/role',
          'permissions.unknown_role',
          `The grant is for the role "${grant.role}", which this bundle does not define`,
        );
      }
      const target = entityDef(grant.entity);
      if (typeof target === 'string') {
        at('/entity', 'permissions.unknown_entity', `The grant is on "${grant.entity}", but ${target}`);
        return;
      }
      const bundle = grant.entity.includes('.') ? grant.entity.split('.')[0]! : own;
      const key = `${bundle}.${target.name}`;
      if (!compiled.has(key)) {
        const flows = bundle === own ? workflows.map((w) => w.def) : (available.get(bundle)?.workflows ?? []);
        const wf = flows.find((w) => w.entity === target.name);
        compiled.set(key, compileEntity(bundle, target, ajv, wf && { def: wf, bundleVersion: '0.0.0' }));
      }
      const entity = compiled.get(key)!;
      if (grant.scope === 'company' && !target.companyScoped) {
        at(
          '/scope',
          'permissions.scope_unsupported',
          `Scope "company" needs an entity whose records belong to a company: set "companyScoped": true on ${key}`,
        );
      }
      for (const list of ['hiddenFields', 'readonlyFields'] as const) {
        (grant[list] ?? []).forEach((name, j) => {
          if (!entity.fields.has(name))
            at(`/${list}/${j}`, 'permissions.unknown_field', `${key} has no field "${name}"`);
        });
      }
      grant.actions.forEach((action, j) => {
        if (!action.startsWith('transition:')) return;
        const name = action.slice('transition:'.length);
        if (!entity.workflow?.transitions.has(name)) {
          at(
            `/actions/${j}`,
            'permissions.unknown_transition',
            entity.workflow
              ? `${key} has no transition "${name}"`
              : `${key} has no workflow, so "${action}" grants nothing`,
          );
        }
      });
      for (const p of checkGrantCondition(grant, entity)) at(p.pointer, p.code, p.message);
    });
  }
  for (const [file, tests] of Object.entries(permissionTests)) {
    tests.cases.forEach((c, i) => {
      c.user.roles.forEach((ref, j) => {
        const problem = ref.includes('.') ? depRole(ref) : roles.has(ref) ? undefined : `there is no role "${ref}"`;
        if (problem)
          issues.push({
            file,
            pointer: `/cases/${i}/user/roles/${j}`,
            code: 'permissions.unknown_role',
            message: `Case "${c.name}": ${problem}`,
          });
      });
      const target = entityDef(c.entity);
      if (typeof target === 'string')
        issues.push({
          file,
          pointer: `/cases/${i}/entity`,
          code: 'permissions.unknown_entity',
          message: `Case "${c.name}": ${target}`,
        });
    });
  }
  return issues;
};

function inheritsItself(start: string, roles: Map<string, string[]>): boolean {
  const seen = new Set<string>();
  const stack = [...(roles.get(start) ?? [])];
  while (stack.length) {
    const r = stack.pop()!;
    if (r === start) return true;
    if (seen.has(r)) continue;
    seen.add(r);
    stack.push(...(roles.get(r) ?? []));
  }
  return false;
}
