import path from 'node:path';

/** Benchmark settings, from environment variables (see bench/README.md). */
export interface BenchConfig {
  quick: boolean;
  /** Admin URL of the PostgreSQL server; the bench creates and drops its own database there. */
  serverUrl: string;
  contacts: number;
  companies: number;
  /** Seconds of measurement per scenario and side. */
  duration: number;
  /** Seconds of warm-up before each measurement (not recorded). */
  warmup: number;
  connections: number;
  /** Database pool size, the same for the engine and the baseline. */
  pool: number;
  /** Engine/baseline alternations per scenario; figures are medians over rounds. */
  rounds: number;
  scenarios: string[];
  /** A measurement during which other processes used more than this share of the machine (0..1) is repeated. */
  maxOtherCpu: number;
  /** How many times a disturbed measurement may be repeated. */
  retries: number;
  /** Seconds to wait, before the HTTP phase, for other processes to leave the machine quiet. */
  waitQuiet: number;
  /** Engine log level (pino); `silent` like the tests. */
  logLevel: string;
  http: boolean;
  compile: boolean;
  /** The permission-check micro-benchmark (in-process, on the bench database). */
  access: boolean;
  /** Iterations measured per permission check, after a warm-up of a tenth as many. */
  accessIterations: number;
  /** The scoped list against the unscoped one, both on the engine. */
  scoped: boolean;
  /** Tickets loaded for the scoped list (the bench bundle's company-scoped entity). */
  tickets: number;
  /** Rounds and seconds per measurement of the scoped list: more, shorter rounds than the HTTP scenarios. */
  scopedRounds: number;
  scopedDuration: number;
  /** Sign-in with argon2id. */
  login: boolean;
  /** Sequential sign-ins measured; the concurrent run makes twice as many. */
  logins: number;
  loginConcurrency: number;
  entities: number;
  fieldsPerEntity: number;
  compileRuns: number;
  /** Notification fan-out to sockets, engine against a bare socket.io server. */
  notify: boolean;
  /** Transition throughput against updates, and outbox-to-worker latency against bare BullMQ. */
  workflow: boolean;
  /** The designer's waits (open an entity, preview a form, plan) on a large bundle. */
  designer: boolean;
  notifySockets: number;
  notifyRounds: number;
  outDir: string;
  /** Base name of the result files: `latest` (full size) or `latest-quick`. */
  outName: string;
}

/** The four operations of the targets, then two diagnostics (see scenarios.ts). */
export const ALL_SCENARIOS = ['list', 'get', 'create', 'update', 'list-prefix', 'list-default'];

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(raw.toLowerCase());
}

export function benchConfig(env: Env = process.env): BenchConfig {
  const quick = flag(env, 'BENCH_QUICK', false);
  const contacts = int(env, 'BENCH_CONTACTS', quick ? 10_000 : 100_000, 100, 10_000_000);
  const companies = int(env, 'BENCH_COMPANIES', Math.max(10, Math.round(contacts / 50)), 1, 100_000);
  const scenarios = (env.BENCH_SCENARIOS ?? ALL_SCENARIOS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of scenarios) {
    if (!ALL_SCENARIOS.includes(s)) throw new Error(`BENCH_SCENARIOS: unknown scenario "${s}" (${ALL_SCENARIOS})`);
  }
  const outName = env.BENCH_OUT_NAME ?? (quick ? 'latest-quick' : 'latest');
  if (!/^[\w.-]+$/.test(outName)) throw new Error('BENCH_OUT_NAME must be a plain file name');
  return {
    quick,
    serverUrl: env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    contacts,
    companies,
    duration: int(env, 'BENCH_DURATION', quick ? 3 : 10, 1, 3600),
    warmup: int(env, 'BENCH_WARMUP', quick ? 1 : 2, 0, 600),
    connections: int(env, 'BENCH_CONNECTIONS', 32, 1, 1000),
    pool: int(env, 'BENCH_POOL', 10, 1, 90),
    rounds: int(env, 'BENCH_ROUNDS', quick ? 1 : 2, 1, 20),
    scenarios,
    maxOtherCpu: int(env, 'BENCH_MAX_OTHER_CPU', 20, 1, 100) / 100,
    retries: int(env, 'BENCH_RETRIES', 2, 0, 10),
    waitQuiet: int(env, 'BENCH_WAIT_QUIET', quick ? 0 : 120, 0, 3600),
    logLevel: env.BENCH_LOG_LEVEL ?? 'silent',
    http: flag(env, 'BENCH_HTTP', true),
    compile: flag(env, 'BENCH_COMPILE', true),
    access: flag(env, 'BENCH_ACCESS', true),
    accessIterations: int(env, 'BENCH_ACCESS_ITERATIONS', quick ? 50_000 : 200_000, 1000, 100_000_000),
    scoped: flag(env, 'BENCH_SCOPED', true),
    tickets: int(env, 'BENCH_TICKETS', Math.max(1000, contacts), 1000, 10_000_000),
    scopedRounds: int(env, 'BENCH_SCOPED_ROUNDS', quick ? 1 : 4, 1, 20),
    scopedDuration: int(env, 'BENCH_SCOPED_DURATION', quick ? 3 : 5, 1, 3600),
    login: flag(env, 'BENCH_LOGIN', true),
    logins: int(env, 'BENCH_LOGINS', quick ? 20 : 50, 5, 10_000),
    loginConcurrency: int(env, 'BENCH_LOGIN_CONCURRENCY', 4, 1, 64),
    entities: int(env, 'BENCH_ENTITIES', 300, 2, 5000),
    fieldsPerEntity: int(env, 'BENCH_FIELDS', 20, 8, 400),
    compileRuns: int(env, 'BENCH_COMPILE_RUNS', quick ? 3 : 7, 1, 100),
    notify: flag(env, 'BENCH_NOTIFY', true),
    workflow: flag(env, 'BENCH_WORKFLOW', true),
    designer: flag(env, 'BENCH_DESIGNER', true),
    notifySockets: int(env, 'BENCH_NOTIFY_SOCKETS', 500, 1, 10_000),
    notifyRounds: int(env, 'BENCH_NOTIFY_ROUNDS', quick ? 3 : 10, 1, 1000),
    outDir: path.resolve(env.BENCH_OUT_DIR ?? path.join(import.meta.dirname, 'results')),
    outName,
  };
}
