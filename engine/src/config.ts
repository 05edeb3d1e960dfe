import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Engine settings. This is the only module that reads `process.env`. */
export interface Config {
  port: number;
  host: string;
  /** A PostgreSQL URL; when absent the engine runs on embedded PGlite under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  databasePoolMax: number;
  logLevel: string;
  bundlesDir: string;
  seedsDir: string;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  nodeEnv: string;
  /** How often a serving engine checks for bundles applied elsewhere (0: never). */
  bundleWatchMs: number;
}

type Env = Record<string, string | undefined>;

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** `NAME`, or the content of the file named by `NAME_FILE` (Docker/Kubernetes secrets). */
function read(env: Env, name: string): string | undefined {
  const file = env[`${name}_FILE`];
  if (file) return readFileSync(file, 'utf8').trim();
  const v = env[name];
  return v === '' ? undefined : v;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`Configuration: ${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

/** `memory://` keeps an embedded database in memory; anything else is a folder. */
function dataDir(raw: string | undefined): string {
  if (raw === 'memory://') return raw;
  return path.resolve(raw ?? path.join(repoRoot, 'data'));
}

export function createConfig(env: Env = process.env): Config {
  const logLevel = read(env, 'LOG_LEVEL') ?? (env.NODE_ENV === 'test' ? 'silent' : 'info');
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (!levels.includes(logLevel)) throw new Error(`Configuration: LOG_LEVEL must be one of ${levels.join(', ')}`);
  const databaseUrl = read(env, 'DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('Configuration: DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    host: read(env, 'HOST') ?? '0.0.0.0',
    databaseUrl,
    dataDir: dataDir(read(env, 'DATA_DIR')),
    databasePoolMax: int(env, 'DATABASE_POOL_MAX', 20, 1, 500),
    logLevel,
    bundlesDir: path.resolve(read(env, 'BUNDLES_DIR') ?? path.join(repoRoot, 'definitions/bundles')),
    seedsDir: path.resolve(read(env, 'SEEDS_DIR') ?? path.join(repoRoot, 'seeds')),
    bodyLimit: int(env, 'BODY_LIMIT', 1024 * 1024, 1024, 100 * 1024 * 1024),
    nodeEnv: read(env, 'NODE_ENV') ?? 'development',
    bundleWatchMs: int(env, 'BUNDLE_WATCH_MS', 2000, 0, 3_600_000),
  };
}

let cached: Config | undefined;
export function config(): Config {
  cached ??= createConfig();
  return cached;
}
