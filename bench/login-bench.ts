import argon2 from 'argon2';
import type autocannon from 'autocannon';
import { ARGON2_PARAMS, hashPassword } from '../engine/src/auth/passwords.ts';
import { summarize, type LoadOptions, type LoadResult } from './load.ts';
import type { Signer } from './principals.ts';

/**
 * Sign-in with a password: POST /api/v1/auth/login timed over HTTP, one at a time and a few at
 * once, against one bare `argon2.verify` of a hash made with the engine's parameters, at the
 * same concurrency, in the bench process. The ratio shows what the rest of a sign-in costs
 * (rate limit, user lookup, session, audit entry, HTTP) on top of the hash.
 */

export const LOGIN_PATH = '/api/v1/auth/login';

export interface LoginRun {
  concurrency: number;
  count: number;
  /** Sign-in latency, ms. */
  p50: number;
  p95: number;
  max: number;
  /** concurrency ÷ mean latency (Little's law): autocannon ends a fixed-count run at its next 1-s tick. */
  perSecond: number;
  non2xx: number;
  /** argon2.verify alone, same concurrency, ms. */
  verifyP50: number;
  verifyP95: number;
  verifyPerSecond: number;
  /** p50 ÷ verifyP50. */
  ratio: number;
}

export interface LoginFigures {
  argon2: typeof ARGON2_PARAMS;
  /** Distinct accounts signing in, in turn. */
  users: number;
  sequential: LoginRun;
  concurrent: LoginRun;
  failures: string[];
  /** Share of the machine used by other processes meanwhile (0..1), filled by run.ts. */
  otherCpu: number;
}

function loginRequests(signers: Signer[]): autocannon.Request[] {
  let i = 0;
  return [
    {
      method: 'POST',
      path: LOGIN_PATH,
      headers: { 'content-type': 'application/json' },
      setupRequest: (req) => {
        const s = signers[i++ % signers.length]!;
        return { ...req, body: JSON.stringify({ email: s.email, password: s.password }) };
      },
    },
  ];
}

/** `total` verifications by `concurrency` workers: each one's time, and verifications per second. */
async function verifyRun(hash: string, password: string, concurrency: number, total: number) {
  const times: number[] = [];
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      const t = performance.now();
      const ok = await argon2.verify(hash, password);
      times.push(performance.now() - t);
      if (!ok) throw new Error('argon2.verify rejected the password it was given');
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const s = summarize(times);
  return { p50: s.p50, p95: s.p95, perSecond: (concurrency * 1000) / s.mean };
}

async function measure(
  load: (opts: LoadOptions) => Promise<LoadResult>,
  url: string,
  signers: Signer[],
  hash: string,
  concurrency: number,
  count: number,
): Promise<{ run: LoginRun; failures: string[] }> {
  const r = await load({ url, connections: concurrency, amount: count, requests: loginRequests(signers) });
  const lat = summarize(r.latencies);
  const v = await verifyRun(hash, signers[0]!.password, concurrency, count);
  return {
    run: {
      concurrency,
      count: r.requests,
      p50: lat.p50,
      p95: lat.p95,
      max: lat.max,
      perSecond: (concurrency * 1000) / lat.mean,
      non2xx: r.non2xx,
      verifyP50: v.p50,
      verifyP95: v.p95,
      verifyPerSecond: v.perSecond,
      ratio: lat.p50 / v.p50,
    },
    failures: r.failures,
  };
}

/** Signs in `count` times one after the other, then `2 × count` times `concurrency` at once. */
export async function runLoginBench(
  load: (opts: LoadOptions) => Promise<LoadResult>,
  url: string,
  signers: Signer[],
  count: number,
  concurrency: number,
): Promise<LoginFigures> {
  const hash = await hashPassword(signers[0]!.password);
  // Warm-up, not recorded: the first sign-ins and hashes of a process are slower.
  await load({ url, connections: 1, amount: 5, requests: loginRequests(signers) });
  await verifyRun(hash, signers[0]!.password, 1, 3);
  const sequential = await measure(load, url, signers, hash, 1, count);
  const concurrent = await measure(load, url, signers, hash, concurrency, count * 2);
  return {
    argon2: ARGON2_PARAMS,
    users: signers.length,
    sequential: sequential.run,
    concurrent: concurrent.run,
    failures: [...sequential.failures, ...concurrent.failures].slice(0, 3),
    otherCpu: NaN,
  };
}
