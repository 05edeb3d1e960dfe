import type { AccessFigures } from './access-bench.ts';
import { f0, f1, fx, mdTable, pct, table, times } from './format.ts';
import type { LoginFigures, LoginRun } from './login-bench.ts';
import type { ScopedFigures } from './scoped-list.ts';
import type { TargetCheck } from './report.ts';

/**
 * The report's sections on permissions and sign-in: permission checks in memory, the scoped
 * list, and the argon2id sign-in, each beside its baseline of the same run.
 */

export interface SecurityResults {
  access?: AccessFigures;
  scoped?: ScopedFigures;
  login?: LoginFigures;
}

/** A permission check must stay under this, in µs. */
export const CHECK_LIMIT_US = 50;
/** A scoped list may take at most this many times an unscoped one. */
export const SCOPED_LIMIT = 1.25;

export function securityTargets(r: SecurityResults): TargetCheck[] {
  const out: TargetCheck[] = [];
  const all = r.access?.checks ?? [];
  // A check that decides wrong is not timed against the target: it is reported as a failure.
  const checks = all.filter((c) => c.target && !c.disagreements);
  if (checks.length) {
    const worst = checks.reduce((a, b) => (b.nsPerCheck > a.nsPerCheck ? b : a));
    const us = worst.nsPerCheck / 1000;
    out.push({
      name: `Access.can, slowest of ${checks.length} checks (${worst.name})`,
      target: `< ${CHECK_LIMIT_US} µs per check`,
      measured: `${fx(us)} µs (hand-written: ${fx(worst.baselineNsPerCheck)} ns)`,
      pass: us < CHECK_LIMIT_US,
      margin: `${fx(Math.abs(CHECK_LIMIT_US - us))} µs ${us < CHECK_LIMIT_US ? 'under' : 'over'}`,
    });
  }
  const wrong = all.filter((c) => c.disagreements);
  if (wrong.length) {
    out.push({
      name: 'Access.can decides as the hand-written predicate',
      target: 'on every sample record',
      measured: wrong.map((c) => `${c.name}: ${c.disagreements}/${c.samples} differ`).join('; '),
      pass: false,
      margin: 'wrong decisions',
    });
  }
  if (r.scoped) {
    const t = r.scoped.timeRatio;
    const ok = t <= SCOPED_LIMIT && r.scoped.valid;
    out.push({
      name: 'Scoped list time vs unscoped (same run)',
      target: `≤ ${SCOPED_LIMIT}×`,
      measured:
        `${times(t)} (p50 ${times(r.scoped.p50Ratio)}, p95 ${times(r.scoped.p95Ratio)})` +
        (r.scoped.valid ? '' : '; NOT COMPARABLE: the scoped answers failed their checks'),
      pass: ok,
      margin: r.scoped.valid ? `${fx(Math.abs(SCOPED_LIMIT - t))} ${t <= SCOPED_LIMIT ? 'under' : 'over'}` : 'invalid',
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Permission checks

const CHECK_HEAD = ['check', 'engine ns', 'hand-written ns', 'ratio', 'allowed'];

function checkRows(a: AccessFigures): string[][] {
  return a.checks.map((c) => [
    `${c.name}${c.target ? '' : ' (diag.)'}`,
    fx(c.nsPerCheck),
    fx(c.baselineNsPerCheck),
    times(c.ratio),
    `${c.allowed}/${c.samples}${c.disagreements ? ` (${c.disagreements} DISAGREE)` : ''}`,
  ]);
}

const BUILD_HEAD = ['step', 'time', 'note'];

function buildRows(a: AccessFigures): string[][] {
  const b = a.build;
  return [
    [
      'AccessCache miss',
      `${fx(b.missMs)} ms`,
      `p95 ${fx(b.missP95Ms)} ms over ${b.runs}; first in the process ${fx(b.coldMissMs)} ms`,
    ],
    [
      'Access.build (part of the miss)',
      `${fx(b.buildMs)} ms`,
      `${a.rules} CASL rules; the rest is 2 queries (memberships, groups)`,
    ],
    ['AccessCache hit', `${fx(b.hitUs)} µs`, 'every later request of the user'],
  ];
}

function accessTitle(a: AccessFigures): string {
  return (
    `Permission checks — ${a.user}, roles ${a.roles.join(', ')} (${a.rules} CASL rules); ` +
    `${f0(a.iterations)} checks each after a warm-up, median of ${a.batches} batches`
  );
}

// ---------------------------------------------------------------------------------------------
// Scoped list

const SCOPED_HEAD = [
  'arm',
  'req/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'non-2xx',
  'errors',
  '1-conn p50',
  'other CPU',
  'time ×',
];

function scopedRows(s: ScopedFigures): string[][] {
  const base = s.arms[0]!.figures.rps;
  return s.arms.map(({ name, diagnostic, figures: x }) => [
    `${name}${diagnostic ? ' (diag.)' : ''}`,
    f0(x.rps),
    f1(x.p50),
    f1(x.p95),
    f1(x.p99),
    String(x.non2xx),
    String(x.errors + x.timeouts),
    f1(x.serialP50),
    pct(x.otherCpu),
    times(base / x.rps),
  ]);
}

function scopedTitle(s: ScopedFigures, connections: number): string {
  const d = s.data;
  return (
    `Scoped list — ${f0(d.tickets)} tickets in ${d.companies} companies, the clerk may read ${f0(d.visible)}; ` +
    `pages of 50, ${connections} connections, ${s.rounds} rounds of ${s.duration} s per arm; ` +
    `time × = unscoped req/s ÷ the arm's`
  );
}

// ---------------------------------------------------------------------------------------------
// Sign-in

const LOGIN_HEAD = [
  'run',
  'sign-ins',
  'p50 ms',
  'p95 ms',
  'per s',
  'verify p50',
  'verify p95',
  'verify per s',
  'p50 ratio',
];

function loginRow(label: string, x: LoginRun): string[] {
  return [
    label,
    String(x.count),
    f1(x.p50),
    f1(x.p95),
    fx(x.perSecond),
    f1(x.verifyP50),
    f1(x.verifyP95),
    fx(x.verifyPerSecond),
    times(x.ratio),
  ];
}

function loginRows(l: LoginFigures): string[][] {
  return [loginRow('one at a time', l.sequential), loginRow(`${l.concurrent.concurrency} at once`, l.concurrent)];
}

function loginTitle(l: LoginFigures): string {
  const p = l.argon2;
  return (
    `Sign-in — POST /api/v1/auth/login, ${p.algorithm} m=${f0(p.memoryCost)} KiB, t=${p.timeCost}, ` +
    `p=${p.parallelism}, ${p.hashLength}-byte hash; ${l.users} accounts in turn; "verify" = one bare argon2.verify`
  );
}

function loginProblems(l: LoginFigures): string[] {
  const non2xx = l.sequential.non2xx + l.concurrent.non2xx;
  return non2xx ? [`${non2xx} sign-ins failed, e.g. ${l.failures.join(' | ')}`] : [];
}

// ---------------------------------------------------------------------------------------------

export function securityText(r: SecurityResults, connections: number): string[] {
  const out: string[] = [];
  if (r.access) {
    out.push(accessTitle(r.access), table(CHECK_HEAD, checkRows(r.access)), '');
    out.push(table(BUILD_HEAD, buildRows(r.access)), '');
  }
  if (r.scoped) {
    const bad = r.scoped.checks.filter((c) => !c.same);
    out.push(scopedTitle(r.scoped, connections), table(SCOPED_HEAD, scopedRows(r.scoped)));
    out.push(...bad.map((c) => `Check failed: ${c.scenario} — ${c.detail}`), '');
  }
  if (r.login) out.push(loginTitle(r.login), table(LOGIN_HEAD, loginRows(r.login)), ...loginProblems(r.login), '');
  return out;
}

export function securityMarkdown(r: SecurityResults, connections: number): string[] {
  const out: string[] = [];
  if (r.access) {
    const a = r.access;
    out.push(
      '## Permission checks',
      '',
      `${accessTitle(a)}. Both columns include the same loop and call overhead (a few ns). ` +
        `Other processes used ${pct(a.otherCpu)} of the machine meanwhile.`,
      '',
      mdTable(CHECK_HEAD, checkRows(a)),
      '',
      ...a.checks.map((c) => `- **${c.name}**: \`${c.call}\` against \`${c.baseline}\``),
      '',
      mdTable(BUILD_HEAD, buildRows(a)),
      '',
    );
  }
  if (r.scoped) {
    const s = r.scoped;
    out.push(
      '## Scoped list',
      '',
      `${scopedTitle(s, connections)}. Measured like the HTTP table (warm-up, order reversing each round, req/s ` +
        'the median over rounds); every arm goes to the engine with a bearer token.',
      '',
      mdTable(SCOPED_HEAD, scopedRows(s)),
      '',
      ...s.arms.map((a) => `- **${a.name}**: ${a.description}`),
      '',
      'Checked before the load:',
      '',
      ...s.checks.map((c) => `- ${c.scenario}: ${c.same ? 'yes' : 'NO'} — ${c.detail}`),
      '',
    );
  }
  if (r.login) {
    out.push(
      '## Sign-in',
      '',
      `${loginTitle(r.login)}, with a hash made by the engine's \`hashPassword\`, at the same concurrency, in the ` +
        `bench process. Other processes used ${pct(r.login.otherCpu)} of the machine meanwhile.`,
      '',
      mdTable(LOGIN_HEAD, loginRows(r.login)),
      '',
      ...loginProblems(r.login).map((p) => `- ${p}`),
    );
  }
  return out;
}
