import type { PermissionTestCase } from '@opsflux/definitions';
import type { Knex } from 'knex';
import type { Bundle } from '../bundles/bundle-types.ts';
import { createRecords } from '../data/write-records.ts';
import { systemContext } from '../data/request-context.ts';
import type { Logger } from '../logger.ts';
import type { Registry } from '../registry/registry-types.ts';
import { AccessCache } from './access-cache.ts';

export interface PermissionTestResult {
  file: string;
  name: string;
  ok: boolean;
  /** What differed from the expectation; empty when the case passed. */
  problems: string[];
}

/**
 * Runs a bundle's permission test cases on a scratch database where the bundle is applied: each
 * case gets fresh companies, departments and users, its sample record is written as the engine
 * would write it, and the decision is asked of the same compiled access every request uses.
 */
export async function runPermissionTests(
  db: Knex,
  registry: Registry,
  bundle: Bundle,
  log: Logger,
): Promise<PermissionTestResult[]> {
  const results: PermissionTestResult[] = [];
  for (const [file, tests] of Object.entries(bundle.permissionTests)) {
    for (const c of tests.cases) {
      const problems = await runCase(db, registry, bundle.manifest.name, c, log).catch((e: unknown) => {
        const details = (e as { details?: { path: string; message: string }[] }).details ?? [];
        return [
          `the case could not run: ${(e as Error).message}${details.map((d) => `; ${d.path}: ${d.message}`).join('')}`,
        ];
      });
      results.push({ file, name: c.name, ok: problems.length === 0, problems });
    }
  }
  return results;
}

let seq = 0;

async function runCase(
  db: Knex,
  registry: Registry,
  bundleName: string,
  c: PermissionTestCase,
  log: Logger,
): Promise<string[]> {
  const run = `pt${Date.now().toString(36)}${++seq}`;
  const entityKey = c.entity.includes('.') ? c.entity : `${bundleName}.${c.entity}`;
  const entity = registry.entities.get(entityKey);
  if (!entity) return [`no entity ${entityKey}`];
  const companies = new Map<string, string>();
  const company = async (name: string) => {
    if (!companies.has(name)) {
      const [row] = await db('sys_companies')
        .insert({ code: `${run}${name}`.slice(0, 32), legal_name: `Test company ${name}` })
        .returning('id');
      companies.set(name, row.id);
    }
    return companies.get(name)!;
  };
  const departments = new Map<string, string>();
  const department = async (name: string, companyName: string) => {
    if (!departments.has(name)) {
      const [row] = await db('sys_departments')
        .insert({ company_id: await company(companyName), code: name, name: `Department ${name}` })
        .returning('id');
      departments.set(name, row.id);
    }
    return departments.get(name)!;
  };
  const newUser = async (tag: string, companyName: string, roles: string[], dept?: string) => {
    const [u] = await db('sys_users')
      .insert({
        email: `${run}.${tag}@permission-tests.invalid`,
        first_name: 'Test',
        last_name: tag,
        department_id: dept ? await department(dept, companyName) : null,
        default_company_id: await company(companyName),
      })
      .returning('*');
    await db('sys_memberships').insert({ user_id: u.id, company_id: await company(companyName), roles });
    return u;
  };
  const roles = c.user.roles.map((r) => (r.includes('.') ? r : `${bundleName}.${r}`));
  const user = await newUser('user', c.user.company, roles, c.user.department);
  const recordCompany = c.record?.company ?? c.user.company;
  const author = c.record?.createdBySelf ? user : await newUser('author', recordCompany, [], c.record?.department);
  const values = { ...(c.record?.values ?? {}) };
  const ctx = systemContext(db, registry, log, author.id);
  ctx.principal = { ...ctx.principal, companyId: entity.def.companyScoped ? await company(recordCompany) : null };
  const record =
    c.action === 'create'
      ? {
          ...values,
          created_by: user.id,
          ...(entity.def.companyScoped && { company_id: await company(c.user.company) }),
        }
      : (await createRecords(ctx, entity, [values], false))[0]!;
  const { access } = await new AccessCache().resolve(db, registry, user, Date.now(), {});
  const problems: string[] = [];
  const allowed = access.can(c.action, entity, record);
  if (allowed !== (c.expect === 'allow')) {
    problems.push(`expected ${c.expect}, the engine says ${allowed ? 'allow' : 'deny'}`);
  }
  if (c.visibleFields?.length || c.hiddenFields?.length) {
    const visible = access.fieldsOf('read', entity, record);
    const sees = (f: string) => visible === 'all' || visible.has(f);
    for (const f of c.visibleFields ?? []) if (!sees(f)) problems.push(`"${f}" should be visible but is hidden`);
    for (const f of c.hiddenFields ?? []) if (sees(f)) problems.push(`"${f}" should be hidden but is visible`);
  }
  return problems;
}
