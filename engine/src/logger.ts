import { pino, type Logger } from 'pino';

/** Paths never written to logs. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.secret',
  '*.totp',
];

/**
 * Tokens the engine issues (`ofa_…`, `ofl_…`, …) can travel in URLs (invitation and unsubscribe
 * links): never logged.
 */
const TOKEN_IN_TEXT = /\bof[arkcdlu]_[A-Za-z0-9_-]{8,}/g;

export function maskTokens(text: string): string {
  return text.replace(TOKEN_IN_TEXT, (t) => `${t.slice(0, 4)}[redacted]`);
}

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    base: { service: 'opsflux-engine' },
  });
}

export type { Logger };
