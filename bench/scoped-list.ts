import { randomUUID } from 'node:crypto';
import knexFactory from 'knex';
import type { Arm } from './measure.ts';
import { call, firstDifference, type Reply, type Target } from './parity.ts';
import { bearer, type BenchPrincipals } from './principals.ts';
import type { ParityCheck, SideFigures } from './report.ts';
import { lcg, type ScenarioRun } from './scenarios.ts';
import { bulkInsert } from './setup-db.ts';

/**
 * The scoped list: the same list of the bench bundle's company-scoped tickets, asked by the
 * clerk (company scope + `confidential: false` + two hidden fields) and by an administrator
 * (no scope). Two diagnostic arms help read the difference: the reader (company scope, no
 * condition), and the administrator with the clerk's scope written as a filter, which runs the
 * same SQL predicate without permissions (the database's share against the engine's).
 */

export const TICKET_TABLE = 'benchscope_ticket';
export const TICKET_PATH = '/api/v1/data/benchscope/ticket';
/** Fields the clerk's grant hides. */
export const HIDDEN_FIELDS = ['cost', 'internal_notes'];
export const PAGE = 50;

export interface TicketData {
  tickets: number;
  /** Tickets the clerk may read: their company's, not confidential. */
  visible: number;
  companies: number;
  seconds: number;
}

export interface ScopedArmFigures {
  name: string;
  description: string;
  /** Not part of the target: helps read it. */
  diagnostic: boolean;
  figures: SideFigures;
}

export interface ScopedFigures {
  data: TicketData;
  rounds: number;
  /** Seconds per measurement. */
  duration: number;
  /** unscoped, scoped, then the diagnostic arms. */
  arms: ScopedArmFigures[];
  /** Time of a scoped request ÷ time of an unscoped one: unscoped req/s ÷ scoped req/s (same concurrency). */
  timeRatio: number;
  p50Ratio: number;
  p95Ratio: number;
  checks: ParityCheck[];
  /** Whether every check of the unscoped and scoped arms passed: otherwise the ratio compares unlike work. */
  valid: boolean;
}

const VERBS = ['Replace', 'Inspect', 'Repair', 'Calibrate', 'Order', 'Ship', 'Certify', 'Clean'];
const THINGS = ['pressure gauge', 'crane hook', 'fire pump', 'generator', 'HVAC unit', 'mooring line', 'gas detector'];
const PLACES = ['Kribi base', 'Douala yard', 'Platform A-12', 'Port-Gentil terminal', 'Onne base', 'Pointe-Noire'];
const FIRST = ['Amina', 'Jean', 'Kofi', 'Maria', 'Ngozi', 'Pierre', 'Sofia', 'Tunde', 'Fatou', 'Lucas'];
const LAST = ['Mbia', 'Okafor', 'Diallo', 'Santos', 'Mensah', 'Dupont', 'Ndiaye', 'Silva', 'Eto', 'Moreau'];
const NOTES = [
  'Quote received from the supplier; margin to confirm with finance.',
  'Second occurrence this quarter: ask the contractor for a root-cause report.',
  'Spare part held at customs; expedite fee charged back to the client.',
];
const STATUSES: [string, number][] = [
  ['open', 0.3],
  ['in_progress', 0.25],
  ['resolved', 0.25],
  ['closed', 0.2],
];
const PRIORITIES: [string, number][] = [
  ['low', 0.2],
  ['normal', 0.5],
  ['high', 0.25],
  ['urgent', 0.05],
];

function weighted(rnd: () => number, choices: [string, number][]): string {
  let x = rnd();
  for (const [value, weight] of choices) if ((x -= weight) < 0) return value;
  return choices.at(-1)![0];
}

/**
 * Loads `count` tickets straight into the table (setup, not measured), spread evenly at random
 * over the companies, one in ten confidential, created over the past year.
 */
export async function loadTickets(databaseUrl: string, count: number, companyIds: string[]): Promise<TicketData> {
  const t0 = performance.now();
  const rnd = lcg(7);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const now = Date.now();
  const spread = 365 * 24 * 3600 * 1000;
  const rows = Array.from({ length: count }, (_, i) => {
    const at = new Date(now - spread + Math.floor((spread * i) / count)).toISOString();
    const amount = Math.round(rnd() * 5_000_000) / 100;
    return {
      id: randomUUID(),
      created_at: at,
      updated_at: at,
      version: 1,
      company_id: pick(companyIds),
      number: `T-${String(i + 1).padStart(7, '0')}`,
      subject: `${pick(VERBS)} ${pick(THINGS)} at ${pick(PLACES)}`,
      status: weighted(rnd, STATUSES),
      priority: weighted(rnd, PRIORITIES),
      amount,
      cost: Math.round(amount * (0.5 + rnd() * 0.4) * 100) / 100,
      requester: `${pick(FIRST)} ${pick(LAST)}`,
      confidential: rnd() < 0.1,
      internal_notes: pick(NOTES),
    };
  });
  const db = knexFactory({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 1 } });
  try {
    await bulkInsert(db, TICKET_TABLE, Object.keys(rows[0]!), rows);
    await db.raw(`ANALYZE "${TICKET_TABLE}"`);
  } finally {
    await db.destroy();
  }
  return {
    tickets: count,
    visible: rows.filter((r) => r.company_id === companyIds[0] && !r.confidential).length,
    companies: companyIds.length,
    seconds: (performance.now() - t0) / 1000,
  };
}

const listPath = `${TICKET_PATH}?limit=${PAGE}`;

/** A list of tickets as the administrator, with `filter`. */
function filteredPath(filter: Record<string, unknown>): string {
  return `${TICKET_PATH}?${new URLSearchParams({ filter: JSON.stringify(filter), limit: String(PAGE) }).toString()}`;
}

type Row = Record<string, unknown>;
type Who = 'admin' | 'clerk' | 'reader';

interface ArmSpec {
  name: string;
  description: string;
  who: Who;
  path: string;
  /** For a user with a grant: the rows it allows, as an administrator's filter, and as a test of one row. */
  grant?: { filter: Record<string, unknown>; allows: (r: Row) => boolean };
}

function armSpecs(companyId: string): ArmSpec[] {
  const clerkScope = { company_id: companyId, confidential: false };
  return [
    {
      name: 'unscoped',
      description: `administrator: GET ${listPath} (newest first), no scope`,
      who: 'admin',
      path: listPath,
    },
    {
      name: 'scoped',
      description:
        'clerk: the same URL; their grant (company scope + condition {"confidential": false}, 2 hidden fields) adds ' +
        'company_id = <their company> AND confidential = false to the SQL and removes the hidden fields of each row',
      who: 'clerk',
      path: listPath,
      grant: { filter: clerkScope, allows: (r) => r.company_id === companyId && r.confidential === false },
    },
    {
      name: 'company-only',
      description: 'reader: the same URL; their grant has the company scope and the 2 hidden fields, no condition',
      who: 'reader',
      path: listPath,
      grant: { filter: { company_id: companyId }, allows: (r) => r.company_id === companyId },
    },
    {
      name: 'filtered',
      description:
        'administrator with the clerk\'s scope written as a filter {"company_id": …, "confidential": false}: the ' +
        'same SQL predicate as the scoped arm, without permissions',
      who: 'admin',
      path: filteredPath(clerkScope),
    },
  ];
}

/** Arms after the first two are diagnostics; the target compares `scoped` with `unscoped`. */
export const SCOPED_TARGET_ARMS = 2;

export function scopedArms(url: string, p: BenchPrincipals): Arm[] {
  return armSpecs(p.clerk.companyId).map((a) => ({
    name: a.name,
    url,
    headers: bearer(p[a.who]),
    build: (): ScenarioRun => ({ requests: [{ method: 'GET', path: a.path }], notes: () => [] }),
  }));
}

const rowsOf = (r: Reply) => ((r.body as { data?: Row[] })?.data ?? []) as Row[];
const withoutHidden = (r: Row) => Object.fromEntries(Object.entries(r).filter(([k]) => !HIDDEN_FIELDS.includes(k)));

/**
 * Before the load: every arm answers a full page; a user with a grant gets only what it allows,
 * without the hidden fields, exactly the administrator's rows under the same filter, and can open
 * each of them by id (the in-memory check agrees with the SQL one).
 */
export async function checkScoped(port: number, p: BenchPrincipals): Promise<ParityCheck[]> {
  const as = (who: Who): Target => ({ port, headers: bearer(p[who]) });
  const specs = armSpecs(p.clerk.companyId);
  const replies = await Promise.all(specs.map((a) => call(as(a.who), 'GET', a.path)));
  const full = replies.every((r) => r.status === 200 && rowsOf(r).length === PAGE);
  const out: ParityCheck[] = [
    {
      scenario: 'full pages',
      same: full,
      detail: `status/rows ${specs.map((a, i) => `${a.name} ${replies[i]!.status}/${rowsOf(replies[i]!).length}`).join(', ')}`,
    },
  ];
  for (const [i, a] of specs.entries()) {
    if (!a.grant) continue;
    const rows = rowsOf(replies[i]!);
    const inside = rows.every((r) => a.grant!.allows(r) && HIDDEN_FIELDS.every((f) => !(f in r)));
    out.push({
      scenario: `${a.name}: only what the grant allows`,
      same: inside,
      detail: inside
        ? `every row matches ${JSON.stringify(a.grant.filter)}, without ${HIDDEN_FIELDS.join(' and ')}`
        : 'a row is outside the grant or shows a hidden field',
    });
    const admin = rowsOf(await call(as('admin'), 'GET', filteredPath(a.grant.filter)));
    const diff = firstDifference(rows, admin.map(withoutHidden));
    out.push({
      scenario: `${a.name}: the administrator's rows under the same filter`,
      same: !diff && rows.length > 0,
      detail: diff
        ? `first difference at ${diff} (e.g. ${JSON.stringify(rows[0])?.slice(0, 200)})`
        : 'the same rows and values in the same order, hidden fields aside',
    });
    const opened = await Promise.all(rows.slice(0, 5).map((r) => call(as(a.who), 'GET', `${TICKET_PATH}/${r.id}`)));
    const ok = opened.length > 0 && opened.every((r) => r.status === 200);
    out.push({
      scenario: `${a.name}: opens a listed ticket by id`,
      same: ok,
      detail: `GET ${TICKET_PATH}/:id of the first ${opened.length} rows: status ${[...new Set(opened.map((r) => r.status))].join(', ')}`,
    });
  }
  return out;
}

/** The figures of the arms, in the order of `scopedArms`, with the ratios of the target. */
export function scopedFigures(
  data: TicketData,
  measured: SideFigures[],
  checks: ParityCheck[],
  companyId: string,
  settings: { rounds: number; duration: number },
): ScopedFigures {
  const [unscoped, scoped] = measured as [SideFigures, SideFigures];
  return {
    data,
    rounds: settings.rounds,
    duration: settings.duration,
    arms: armSpecs(companyId).map((a, i) => ({
      name: a.name,
      description: a.description,
      diagnostic: i >= SCOPED_TARGET_ARMS,
      figures: measured[i]!,
    })),
    timeRatio: unscoped.rps / scoped.rps,
    p50Ratio: scoped.p50 / unscoped.p50,
    p95Ratio: scoped.p95 / unscoped.p95,
    checks,
    valid: checks.every((c) => c.same || !(c.scenario === 'full pages' || c.scenario.startsWith('scoped:'))),
  };
}
