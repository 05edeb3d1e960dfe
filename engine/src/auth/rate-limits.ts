import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { OpsError } from '../errors.ts';
import type { Logger } from '../logger.ts';

export interface LimitSpec {
  points: number;
  /** Window in seconds. */
  duration: number;
}

/**
 * Counters that slow down guessing and abuse: kept in Redis when it is configured, so every
 * engine process counts together, and per process otherwise. When Redis fails, each process
 * falls back to its own counters rather than letting every request through.
 */
export class RateLimits {
  readonly #limiters = new Map<string, RateLimiterAbstract>();
  readonly #redis: Redis | undefined;

  constructor(
    redisUrl: string | undefined,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {
    if (redisUrl) {
      this.#redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
      this.#redis.on('error', (err: Error) => this.log.warn({ err: err.message }, 'redis unavailable for rate limits'));
    }
  }

  get backend(): 'redis' | 'memory' {
    return this.#redis ? 'redis' : 'memory';
  }

  #limiter(name: string, spec: LimitSpec): RateLimiterAbstract {
    const id = `${name}:${spec.points}:${spec.duration}`;
    let limiter = this.#limiters.get(id);
    if (!limiter) {
      const opts = { keyPrefix: `${this.prefix}:${name}`, points: spec.points, duration: spec.duration };
      limiter = this.#redis
        ? new RateLimiterRedis({
            ...opts,
            storeClient: this.#redis,
            useRedisPackage: false,
            insuranceLimiter: new RateLimiterMemory(opts),
          })
        : new RateLimiterMemory(opts);
      this.#limiters.set(id, limiter);
    }
    return limiter;
  }

  /**
   * Counts one attempt under `key`; over the limit, a 429 saying when to retry (also in the
   * Retry-After header, set by the error handler from `retryAfter`).
   */
  async consume(name: string, key: string, spec: LimitSpec, message: string): Promise<void> {
    try {
      await this.#limiter(name, spec).consume(key);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      const retryAfter = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      throw new OpsError(429, 'rate_limited', `${message}; try again in ${retryAfter} s`, [], { retryAfter });
    }
  }

  /** Forgets the attempts under `key` (a successful sign-in clears its failures). */
  async reset(name: string, key: string, spec: LimitSpec): Promise<void> {
    await this.#limiter(name, spec).delete(key);
  }

  async close(): Promise<void> {
    if (this.#redis) await this.#redis.quit().catch(() => undefined);
  }
}
