/**
 * `npm run bench`: HTTP throughput and latency of the engine against a hand-written baseline
 * (same database, same run), permission checks, a scoped list against an unscoped one, sign-in
 * with argon2id, the compile and plan benchmark, and the notification fan-out to sockets. See
 * bench/README.md.
 */
import os from 'node:os';
import path from 'node:path';
import { cleanup } from './cleanup.ts';
import { runCompileBench, type CompileFigures } from './compile-bench.ts';
import { benchConfig, type BenchConfig } from './config.ts';
import { cpuShare, cpuSnapshot } from './cpu.ts';
import { runDatabaseBench, type DatabaseResults } from './database-bench.ts';
import { log } from './log.ts';
import { machineInfo, waitForQuiet } from './machine.ts';
import { runNotifyFanout, type NotifyFanoutFigures } from './notify-fanout.ts';
import { runWorkflowBench, type WorkflowFigures } from './workflow-bench.ts';
import { runDesignerBench, type DesignerFigures } from './designer.ts';
import { designerTargets, evaluateTargets, printResults, writeResults, type BenchResults } from './report.ts';
import { CHECK_LIMIT_US, SCOPED_LIMIT } from './report-security.ts';

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping servers and dropping the database`);
    void cleanup().finally(() => process.exit(130));
  });
}

function notes(cfg: BenchConfig, r: DatabaseResults, cpus: number): string[] {
  const out = [
    `The load generator (autocannon, in the bench process) shares the machine's ${cpus} CPUs with the server ` +
      'under test and PostgreSQL; each server runs in a child process of its own, so it never shares an event loop ' +
      'with the load generator. Absolute figures are therefore pessimistic; the engine/baseline ratio is the robust figure.',
    'Both sides use the same database, pool size and Node version; the baseline is a bare Express 5 app with a pg.Pool ' +
      'and hand-written SQL (one statement per read, correlated ARRAY subquery for the companies), returning the same JSON.',
    'Authentication: every engine request carries the bearer token of a platform administrator (unrestricted, as the ' +
      'engine was before authentication), so the engine also pays one authentication lookup per request (the session ' +
      'by token hash, joined with its user, one indexed query) and, once a minute per session, a last-seen update. ' +
      'The baseline has no authentication.',
    `"other CPU" is the share of the whole machine used during a measurement by processes outside it (not the bench, ` +
      `the two servers or their PostgreSQL backends; PostgreSQL background writers count as other). A measurement above ` +
      `${Math.round(cfg.maxOtherCpu * 100)} % was repeated (up to ${cfg.retries} times); ` +
      `repeats: ${
        [
          ...r.http.map((s) => `${s.name} ${s.engine.repeated}/${s.baseline.repeated}`),
          ...(r.scoped ? [`list-scoped ${r.scoped.arms.map((a) => a.figures.repeated).join('/')}`] : []),
        ].join(', ') || 'none'
      }.`,
    `With ${cfg.connections} connections and no think time, mean latency = ${cfg.connections} ÷ req/s (Little's law): ` +
      `a p95 of 25 ms needs more than ${Math.round(cfg.connections / 0.025)} req/s; the baseline's p95 shows ` +
      'whether this machine can meet that at all.',
    `Engine log level: ${cfg.logLevel} (request logging by pino-http costs more at "info").`,
    'Updates: each side patches its own pool of records; an id is reused only after its previous response, with the ' +
      'version that response returned, so no request should meet a 409 (non-2xx are counted).',
    'list-prefix runs the same case-insensitive ILIKE predicate on both sides; list-default is the engine default order ' +
      '(newest first) against a hand-written ORDER BY created_at DESC, id DESC.',
  ];
  if (r.access) {
    out.push(
      `Permission checks run in the bench process on rows of the bench database (1,000 per entity, in turn); target ` +
        `< ${CHECK_LIMIT_US} µs per Access.can. The hand-written predicate decides the same for the same user; the ratio ` +
        "is CASL's overhead (rule lookup, condition matching, and a copy of the record per check).",
    );
  }
  if (r.scoped) {
    out.push(
      'Scoped list: every arm asks for the first page of 50 tickets (newest first) and gets 50 rows, since the clerk ' +
        `may read ${r.scoped.data.visible.toLocaleString('en-US')} tickets; target: scoped time ≤ ${SCOPED_LIMIT}× ` +
        "unscoped, time = unscoped req/s ÷ scoped req/s at the same concurrency (Little's law). Diagnostics: " +
        '"filtered" runs the scoped SQL predicate without permissions (filtered vs unscoped is the database\'s share, ' +
        'scoped vs filtered the engine\'s); "company-only" is a grant with the company scope and no condition.',
    );
  }
  if (r.login) {
    out.push(
      'Sign-in: the bench engine allows 100,000 sign-ins per IP per minute (LOGIN_PER_IP_PER_MINUTE), as all come ' +
        'from 127.0.0.1. Each sign-in verifies the password (argon2id), opens a session and appends an audit entry.',
    );
  }
  return out;
}

async function main(): Promise<void> {
  const cfg = benchConfig();
  const started = new Date();
  log(
    `${cfg.quick ? 'QUICK mode: ' : ''}${cfg.contacts.toLocaleString('en-US')} contacts, ${cfg.connections} connections, ` +
      `${cfg.warmup} s warm-up + ${cfg.duration} s per side, ${cfg.rounds} round(s), scenarios ${cfg.scenarios.join(', ')}`,
  );
  const machine = await machineInfo(cfg.serverUrl);
  let compile: CompileFigures | undefined;
  if (cfg.compile) {
    if (cfg.waitQuiet > 0) await waitForQuiet(cfg.maxOtherCpu, Math.min(60, cfg.waitQuiet));
    log(`compile benchmark: ${cfg.entities} entities × ${cfg.fieldsPerEntity} fields, ${cfg.compileRuns} runs`);
    const before = cpuSnapshot([process.pid]);
    compile = runCompileBench(cfg.entities, cfg.fieldsPerEntity, cfg.compileRuns);
    compile.otherCpu = cpuShare(before, cpuSnapshot([process.pid]))?.others ?? NaN;
    log(
      `validate + compile ${compile.validateAndCompileMs.toFixed(1)} ms, all validators ${compile.allValidatorsMs.toFixed(1)} ms, ` +
        `plan ${compile.planMs.toFixed(1)} ms (medians)`,
    );
  }
  let notify: NotifyFanoutFigures | undefined;
  if (cfg.notify) notify = await runNotifyFanout(cfg);
  let workflow: WorkflowFigures | undefined;
  if (cfg.workflow) workflow = await runWorkflowBench(cfg);
  let designer: DesignerFigures | undefined;
  if (cfg.designer) designer = await runDesignerBench(cfg);
  const db: DatabaseResults = { parity: [], http: [] };
  if (cfg.http || cfg.scoped || cfg.login || cfg.access) {
    try {
      await runDatabaseBench(cfg, db);
    } finally {
      await cleanup();
    }
  }
  machine.loadAverageAfter = os.loadavg();
  const { serverUrl: _s, outDir: _o, outName: _n, ...config } = cfg;
  const security = {
    ...(db.access && { access: db.access }),
    ...(db.scoped && { scoped: db.scoped }),
    ...(db.login && { login: db.login }),
  };
  const results: BenchResults = {
    date: started.toISOString(),
    quick: cfg.quick,
    machine,
    config,
    ...(db.setup && { setup: db.setup }),
    parity: db.parity,
    http: db.http,
    ...security,
    ...(compile && { compile }),
    ...(notify && { notify }),
    ...(workflow && { workflow }),
    ...(designer && { designer }),
    targets: [...evaluateTargets(db.http, compile, cfg.connections, security), ...designerTargets(designer)],
    notes: notes(cfg, db, machine.cpus),
  };
  printResults(results);
  const files = writeResults(results, cfg.outDir, cfg.outName);
  log(`wrote ${files.map((f) => path.relative(process.cwd(), f)).join(' and ')}`);
}

main().catch(async (e: unknown) => {
  console.error('[bench] failed:', e);
  await cleanup();
  process.exit(1);
});
