import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createAddressPolicy, parseAllowList } from './net/address-policy.ts';

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
  /**
   * Express's `trust proxy`: behind a load balancer, the number of proxies (or their addresses)
   * whose X-Forwarded-For is believed, so per-IP limits and the audit trail see the client.
   */
  trustProxy: boolean | number | string;
  /** Redis for rate limits and (later) jobs; without it limits are kept per process. */
  redisUrl: string | undefined;
  /** Base URL of the apps, used in links sent by e-mail. */
  publicUrl: string;
  /** `smtp://` or `smtps://` URL; without it e-mails are written as .eml files under `dataDir/mail`. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Test mode: every queued e-mail goes to this address instead, its recipient named in a header. */
  mailTestRecipient: string | undefined;
  /** Key (32+ characters) encrypting TOTP secrets at rest; required when NODE_ENV=production. */
  secretKey: string | undefined;
  auth: AuthSettings;
  jobs: JobConfig;
  /** Notifications older than this many days are deleted by a daily job. */
  notificationRetentionDays: number;
  /** Addresses (IPs or CIDRs) outbound webhooks may reach although internal (`OUTBOUND_ALLOW`). */
  outboundAllow: string[];
  /**
   * Plugins to load (`PLUGINS`, comma-separated): paths to a module or folder (from the working
   * directory, else the repository root) or package names.
   */
  plugins: string[];
  /**
   * A variable of the environment that definitions name (a webhook's URL or secret): bundles
   * say which variable, the environment holds the value, so no secret sits in a definition.
   */
  variable(name: string): string | undefined;
}

/** Background jobs: who runs them and how they retry. */
export interface JobConfig {
  /** `inline`: the serving process runs jobs; `none`: `opsflux worker` does (the default with Redis). */
  worker: 'inline' | 'none';
  pollMs: number;
  /** A job whose worker vanished is delivered again after this long. */
  leaseMs: number;
  /** A job handed to Redis and lost there (restart without persistence) is handed over again after this. */
  requeueMs: number;
  /** First retry delay; it doubles at each retry. */
  backoffMs: number;
  concurrency: number;
}

/** Authentication policy; the defaults follow the product documents. */
export interface AuthSettings {
  passwordMinLength: number;
  passwordMaxLength: number;
  /** Days before a password must be changed; 0 disables expiry. */
  passwordExpiryDays: number;
  passwordHistory: number;
  accessTokenSeconds: number;
  refreshTokenSeconds: number;
  /** A session unused for this long ends. */
  sessionIdleSeconds: number;
  /** A session ends this long after sign-in, whatever its use. */
  sessionAbsoluteSeconds: number;
  /** Failed sign-ins within `lockoutWindowSeconds` that lock an account. */
  lockoutThreshold: number;
  lockoutWindowSeconds: number;
  lockoutSeconds: number;
  trustedDeviceDays: number;
  apiKeyDays: number;
  apiKeyHourlyLimit: number;
  /** Sign-in attempts per IP per minute. */
  loginPerIpPerMinute: number;
  /** Who must use a second factor besides the holders of `mfaRequired` roles. */
  mfaRequired: 'none' | 'admins' | 'all';
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
    redisUrl: url(env, 'REDIS_URL', /^rediss?:\/\//),
    trustProxy: trustProxy(read(env, 'TRUST_PROXY')),
    publicUrl: (
      url(env, 'PUBLIC_URL', /^https?:\/\//) ?? `http://localhost:${int(env, 'PORT', 3000, 0, 65535)}`
    ).replace(/\/+$/, ''),
    smtpUrl: url(env, 'SMTP_URL', /^smtps?:\/\//),
    mailFrom: read(env, 'MAIL_FROM') ?? 'OpsFlux <no-reply@opsflux.local>',
    mailTestRecipient: url(env, 'MAIL_TEST_RECIPIENT', /^[^\s@<>]+@[^\s@<>]+$/),
    secretKey: secretKey(env),
    auth: authSettings(env),
    jobs: jobSettings(env),
    notificationRetentionDays: int(env, 'NOTIFICATION_RETENTION_DAYS', 90, 1, 3650),
    outboundAllow: outboundAllow(read(env, 'OUTBOUND_ALLOW')),
    plugins: plugins(read(env, 'PLUGINS')),
    variable: (name) => read(env, name),
  };
}

function outboundAllow(raw: string | undefined): string[] {
  const list = parseAllowList(raw);
  try {
    createAddressPolicy(list);
  } catch (err) {
    throw new Error(`Configuration: OUTBOUND_ALLOW: ${(err as Error).message}`, { cause: err });
  }
  return list;
}

function plugins(raw: string | undefined): string[] {
  const list = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const twice = list.find((s, i) => list.indexOf(s) !== i);
  if (twice) throw new Error(`Configuration: PLUGINS names "${twice}" twice`);
  return list;
}

function jobSettings(env: Env): JobConfig {
  return {
    worker: oneOf(env, 'WORKER', ['inline', 'none'] as const, read(env, 'REDIS_URL') ? 'none' : 'inline'),
    pollMs: int(env, 'JOB_POLL_MS', 1000, 10, 60_000),
    leaseMs: int(env, 'JOB_LEASE_SECONDS', 5 * MINUTE, 1, DAY) * 1000,
    requeueMs: int(env, 'JOB_REQUEUE_SECONDS', MINUTE, 1, DAY) * 1000,
    backoffMs: int(env, 'JOB_BACKOFF_SECONDS', 30, 0, DAY) * 1000,
    concurrency: int(env, 'JOB_CONCURRENCY', 4, 1, 256),
  };
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const v = read(env, name) ?? fallback;
  if (!values.includes(v as T))
    throw new Error(`Configuration: ${name} must be one of ${values.join(', ')}, got "${v}"`);
  return v as T;
}

function trustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}

function url(env: Env, name: string, pattern: RegExp): string | undefined {
  const v = read(env, name);
  if (v !== undefined && !pattern.test(v)) throw new Error(`Configuration: ${name} must match ${pattern}, got "${v}"`);
  return v;
}

function secretKey(env: Env): string | undefined {
  const key = read(env, 'SECRET_KEY');
  if (key !== undefined && key.length < 32) throw new Error('Configuration: SECRET_KEY must be at least 32 characters');
  if (key === undefined && read(env, 'NODE_ENV') === 'production') {
    throw new Error('Configuration: SECRET_KEY is required when NODE_ENV=production');
  }
  return key;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function authSettings(env: Env): AuthSettings {
  const min = int(env, 'PASSWORD_MIN_LENGTH', 12, 8, 128);
  return {
    passwordMinLength: min,
    passwordMaxLength: int(env, 'PASSWORD_MAX_LENGTH', 128, min, 1024),
    passwordExpiryDays: int(env, 'PASSWORD_EXPIRY_DAYS', 0, 0, 3650),
    passwordHistory: int(env, 'PASSWORD_HISTORY', 5, 0, 50),
    accessTokenSeconds: int(env, 'ACCESS_TOKEN_SECONDS', 15 * MINUTE, 30, DAY),
    refreshTokenSeconds: int(env, 'REFRESH_TOKEN_SECONDS', 7 * DAY, MINUTE, 90 * DAY),
    sessionIdleSeconds: int(env, 'SESSION_IDLE_SECONDS', 8 * HOUR, MINUTE, 90 * DAY),
    sessionAbsoluteSeconds: int(env, 'SESSION_ABSOLUTE_SECONDS', 30 * DAY, MINUTE, 365 * DAY),
    lockoutThreshold: int(env, 'LOCKOUT_THRESHOLD', 5, 1, 100),
    lockoutWindowSeconds: int(env, 'LOCKOUT_WINDOW_SECONDS', 15 * MINUTE, MINUTE, DAY),
    lockoutSeconds: int(env, 'LOCKOUT_SECONDS', 15 * MINUTE, MINUTE, 30 * DAY),
    trustedDeviceDays: int(env, 'TRUSTED_DEVICE_DAYS', 30, 0, 365),
    apiKeyDays: int(env, 'API_KEY_DAYS', 90, 1, 3650),
    apiKeyHourlyLimit: int(env, 'API_KEY_HOURLY_LIMIT', 1000, 1, 10_000_000),
    loginPerIpPerMinute: int(env, 'LOGIN_PER_IP_PER_MINUTE', 30, 1, 100_000),
    mfaRequired: oneOf(env, 'MFA_REQUIRED', ['none', 'admins', 'all'] as const, 'none'),
  };
}

let cached: Config | undefined;
export function config(): Config {
  cached ??= createConfig();
  return cached;
}
