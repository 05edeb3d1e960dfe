import type { Server } from 'node:http';
import type { Knex } from 'knex';
import type { AuthDeps } from '../auth/auth-deps.ts';
import type { Config } from '../config.ts';
import type { Clock } from '../jobs/clock.ts';
import type { Jobs } from '../jobs/jobs.ts';
import { enqueue } from '../jobs/outbox.ts';
import type { Logger } from '../logger.ts';
import { Live } from './live.ts';
import { registerNotifyJobs, retentionJob } from './notify-jobs.ts';

export interface NotificationsDeps {
  db: Knex;
  log: Logger;
  clock: Clock;
  config: Config;
  jobs: Jobs;
  auth: AuthDeps;
  /** The engine's Redis key prefix: pushes use `<prefix>:socket.io`. */
  redisPrefix: string;
}

/** How often a socket server checks that its sockets' sessions still hold. */
const RECHECK_MS = 30_000;

/**
 * Notifications of one engine process: the jobs that deliver them (registered in every process,
 * so a worker runs them), the socket server when the process serves HTTP, and the daily clean-up.
 * `notify()` itself needs none of this: it writes rows and jobs in the caller's transaction.
 */
export class Notifications {
  readonly live: Live;

  constructor(private readonly deps: NotificationsDeps) {
    this.live = new Live({
      auth: deps.auth,
      log: deps.log.child({ subsystem: 'live' }),
      publicUrl: deps.config.publicUrl,
      redisUrl: deps.config.redisUrl,
      redisKey: `${deps.redisPrefix}:socket.io`,
      recheckMs: RECHECK_MS,
    });
    registerNotifyJobs(deps.jobs, {
      live: this.live,
      log: deps.log,
      retentionDays: deps.config.notificationRetentionDays,
      registry: deps.auth.registry,
      publicUrl: deps.config.publicUrl,
    });
  }

  /** Serves live notifications on the engine's HTTP server. */
  attach(server: Server): void {
    this.live.attach(server);
  }

  /** Plans the daily retention run; processes that run jobs call it as they start. */
  async start(): Promise<void> {
    await enqueue(this.deps.db, this.deps.clock.now(), [retentionJob(this.deps.clock.now())]);
  }

  async close(): Promise<void> {
    await this.live.close();
  }
}
