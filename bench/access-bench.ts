import { Access } from '../engine/src/access/access.ts';
import { AccessCache, type UserRow } from '../engine/src/access/access-cache.ts';
import { expandRoles } from '../engine/src/access/compile-permissions.ts';
import type { Engine } from '../engine/src/engine.ts';
import type { CompiledEntity } from '../engine/src/registry/registry-types.ts';
import { median, quantile } from './load.ts';
import { CLERK_ROLES, type BenchPrincipals } from './principals.ts';

/**
 * Permission checks in memory, as the engine makes them on every record it reads or writes:
 * `Access.can` (CASL rules compiled from the permission definitions) for the non-admin clerk,
 * against a hand-written predicate deciding the same thing for the same user, on real rows of
 * the bench database. Also: how long building the clerk's Access takes (an AccessCache miss).
 */

type Rec = Record<string, unknown>;

export interface CheckFigures {
  name: string;
  /** The call measured, and the hand-written predicate it is compared with. */
  call: string;
  baseline: string;
  /** An `Access.can` check (the < 50 µs target); the others are diagnostics. */
  target: boolean;
  /** Median over batches, ns per check. */
  nsPerCheck: number;
  baselineNsPerCheck: number;
  /** nsPerCheck ÷ baselineNsPerCheck. */
  ratio: number;
  /** Sample records, and how many the check allows. */
  samples: number;
  allowed: number;
  /** Records on which the engine and the hand-written predicate decide differently: should be 0. */
  disagreements: number;
}

export interface AccessFigures {
  user: string;
  roles: string[];
  /** CASL rules compiled for the user. */
  rules: number;
  iterations: number;
  batches: number;
  checks: CheckFigures[];
  build: {
    runs: number;
    /** AccessCache.resolve on an empty cache, ms: memberships, groups, then Access.build. */
    missMs: number;
    missP95Ms: number;
    /** The first miss in the process (cold code), ms. */
    coldMissMs: number;
    /** Access.build alone (rules → CASL ability), ms. */
    buildMs: number;
    /** AccessCache.resolve of a cached user, µs. */
    hitUs: number;
  };
  /** Share of the machine used by other processes meanwhile (0..1), filled by run.ts. */
  otherCpu: number;
}

interface Case {
  name: string;
  call: string;
  baseline: string;
  target: boolean;
  records: Rec[];
  engine: (r: Rec) => unknown;
  hand: (r: Rec) => unknown;
  same?: (a: unknown, b: unknown) => boolean;
}

let sink = 0;

/** ns per call of `fn` over `iterations` calls cycling through `records`. */
function timeLoop(fn: (r: Rec) => unknown, records: Rec[], iterations: number): number {
  const n = records.length;
  let hits = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) if (fn(records[i % n]!)) hits++;
  const ns = Number(process.hrtime.bigint() - t0);
  sink += hits;
  return ns / iterations;
}

const sameMembers = (a: unknown, b: unknown) => {
  const x = [...(a as Iterable<string>)].sort();
  const y = [...(b as Iterable<string>)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

function measureCase(c: Case, iterations: number, batches: number): CheckFigures {
  const same = c.same ?? ((a, b) => !!a === !!b);
  let disagreements = 0;
  let allowed = 0;
  for (const r of c.records) {
    const e = c.engine(r);
    if (!same(e, c.hand(r))) disagreements++;
    if (e) allowed++;
  }
  const warm = Math.max(1000, Math.floor(iterations / 10));
  timeLoop(c.engine, c.records, warm);
  timeLoop(c.hand, c.records, warm);
  const per = Math.max(1, Math.floor(iterations / batches));
  const engine: number[] = [];
  const hand: number[] = [];
  for (let b = 0; b < batches; b++) {
    engine.push(timeLoop(c.engine, c.records, per));
    hand.push(timeLoop(c.hand, c.records, per));
  }
  const ns = median(engine);
  const baselineNs = median(hand);
  return {
    name: c.name,
    call: c.call,
    baseline: c.baseline,
    target: c.target,
    nsPerCheck: ns,
    baselineNsPerCheck: baselineNs,
    ratio: ns / baselineNs,
    samples: c.records.length,
    allowed,
    disagreements,
  };
}

const USER_COLUMNS = [
  'id',
  'email',
  'first_name',
  'last_name',
  'status',
  'system_roles',
  'department_id',
  'default_company_id',
];

/** What authentication hands AccessCache for the clerk's session. */
async function clerkSession(engine: Engine, p: BenchPrincipals) {
  return {
    user: (await engine.db('sys_users').select(USER_COLUMNS).where({ id: p.clerk.id }).first()) as UserRow,
    orgVersion: Number((await engine.db('sys_state').select('org_version').first()).org_version),
    cred: { sessionId: 'bench', companyId: p.clerk.companyId },
  };
}

async function timeBuild(engine: Engine, p: BenchPrincipals, runs: number): Promise<AccessFigures['build']> {
  const db = engine.db;
  const registry = engine.registry.current;
  const { user, orgVersion, cred } = await clerkSession(engine, p);
  const miss: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const cache = new AccessCache();
    const t = performance.now();
    await cache.resolve(db, registry, user, orgVersion, cred);
    miss.push(performance.now() - t);
  }
  const cache = new AccessCache();
  const { principal } = await cache.resolve(db, registry, user, orgVersion, cred);
  const build: number[] = [];
  for (let i = 0; i < runs * 10; i++) {
    const t = performance.now();
    Access.build(principal, registry, { departmentUserIds: [] });
    build.push(performance.now() - t);
  }
  const hits = 10_000;
  const t = performance.now();
  for (let i = 0; i < hits; i++) await cache.resolve(db, registry, user, orgVersion, cred);
  const hitUs = ((performance.now() - t) * 1000) / hits;
  const warm = miss.slice(1).sort((a, b) => a - b);
  return {
    runs,
    missMs: quantile(warm, 0.5),
    missP95Ms: quantile(warm, 0.95),
    coldMissMs: miss[0]!,
    buildMs: median(build),
    hitUs,
  };
}

/** Runs the permission-check micro-benchmark in this process, on `engine`'s database and registry. */
export async function runAccessBench(
  engine: Engine,
  p: BenchPrincipals,
  iterations: number,
  batches = 5,
): Promise<AccessFigures> {
  const registry = engine.registry.current;
  const entity = (key: string) => {
    const e = registry.entities.get(key);
    if (!e) throw new Error(`The bench database has no entity ${key}`);
    return e;
  };
  const [contact, company, ticket] = ['tiers.contact', 'tiers.company', 'benchscope.ticket'].map(entity) as [
    CompiledEntity,
    CompiledEntity,
    CompiledEntity,
  ];
  const rows = async (e: CompiledEntity) =>
    (await engine.db(e.table).select(e.columns).orderBy('id').limit(1000)) as Rec[];
  // Half the contacts are the clerk's own, so the `own` check answers both ways.
  const contacts = (await rows(contact)).map((r, i) => ({ ...r, created_by: i % 2 ? p.admin.id : p.clerk.id }));
  const companies = await rows(company);
  const tickets = await rows(ticket);

  const build = await timeBuild(engine, p, 30);
  const session = await clerkSession(engine, p);
  const { access } = await new AccessCache().resolve(
    engine.db,
    registry,
    session.user,
    session.orgVersion,
    session.cred,
  );
  if (access.unrestricted) throw new Error('The clerk should not be unrestricted');

  // The same decisions written by hand for this user: their roles, their id, their company.
  const held = new Set(expandRoles(registry.roles, CLERK_ROLES));
  const userId = p.clerk.id;
  const companyId = p.clerk.companyId;
  const hiddenFromViewer = new Set(['reliability_score', 'notes']);
  const companyFields = [...company.fields.keys()];
  const cases: Case[] = [
    {
      name: 'read a contact',
      call: "access.can('read', tiers.contact, record)",
      baseline: "held.has('tiers.viewer') || held.has('tiers.manager')",
      target: true,
      records: contacts,
      engine: (r) => access.can('read', contact, r),
      hand: () => held.has('tiers.viewer') || held.has('tiers.manager'),
    },
    {
      name: 'update a company',
      call: "access.can('update', tiers.company, record)",
      baseline: "held.has('tiers.editor') || held.has('tiers.manager')",
      target: true,
      records: companies,
      engine: (r) => access.can('update', company, r),
      hand: () => held.has('tiers.editor') || held.has('tiers.manager'),
    },
    {
      name: 'delete an own contact',
      call: "access.can('delete', tiers.contact, record) (scope own)",
      baseline: "held.has('tiers.manager') || (held.has('tiers.editor') && record.created_by === userId)",
      target: true,
      records: contacts,
      engine: (r) => access.can('delete', contact, r),
      hand: (r) => held.has('tiers.manager') || (held.has('tiers.editor') && r.created_by === userId),
    },
    {
      name: 'read a ticket',
      call: "access.can('read', benchscope.ticket, record) (company scope + condition)",
      baseline: "held.has('benchscope.clerk') && record.company_id === companyId && record.confidential === false",
      target: true,
      records: tickets,
      engine: (r) => access.can('read', ticket, r),
      hand: (r) => held.has('benchscope.clerk') && r.company_id === companyId && r.confidential === false,
    },
    {
      name: 'readable fields of a company',
      call: "access.fieldsOf('read', tiers.company, record) (what a list pays per row to hide fields)",
      baseline: 'companyFields.filter((f) => !hidden.has(f))',
      target: false,
      records: companies,
      engine: (r) => access.fieldsOf('read', company, r),
      hand: () => companyFields.filter((f) => !hiddenFromViewer.has(f)),
      same: sameMembers,
    },
  ];
  const checks = cases.map((c) => measureCase(c, iterations, batches));
  if (sink < 0) console.log(sink); // keeps the results of the loops alive
  return {
    user: `${p.clerk.email} (no system role)`,
    roles: [...held],
    rules: access.rules.length,
    iterations,
    batches,
    checks,
    build,
    otherCpu: NaN,
  };
}
