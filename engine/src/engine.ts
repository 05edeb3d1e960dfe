import type { Server } from 'node:http';
import { AccessCache } from './access/access-cache.ts';
import type { AuthDeps } from './auth/auth-deps.ts';
import { RateLimits } from './auth/rate-limits.ts';
import { SecretBox } from './auth/tokens.ts';
import { readAppliedBundles, readWorkflowHistory } from './bundles/bundle-store.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { registerMailJobs } from './mail/mail-send-job.ts';
import type { Config } from './config.ts';
import { connect, type Connection } from './db/connect.ts';
import { ensureSystemSchema } from './db/sys-schema.ts';
import { createApp, DEFAULT_APPS } from './http/create-app.ts';
import { createLogger, type Logger } from './logger.ts';
import { compileRegistry, RegistryHolder } from './registry/compile-registry.ts';
import { Clock } from './jobs/clock.ts';
import { Jobs } from './jobs/jobs.ts';
import { Notifications } from './notify/notifications.ts';
import { enqueue } from './jobs/outbox.ts';
import type { ActionHandler } from './automations/actions.ts';
import { registerAutomationJobs, type AutomationDeps } from './automations/automation-runner.ts';
import { tickJob } from './automations/scheduler.ts';
import { registerApprovalJobs } from './workflow/approval-routes.ts';
import { loadPlugins, PluginHost } from './plugins/load-plugins.ts';

/** One running engine: its database, its current registry and its HTTP app. */
export class Engine {
  #appliedMark = -1;
  #watch: NodeJS.Timeout | undefined;
  readonly limits: RateLimits;
  readonly mailer: Mailer;
  readonly access: AccessCache;
  readonly auth: AuthDeps;
  /** Time for requests, timers and schedules; tests move it. */
  readonly clock = new Clock();
  readonly jobs: Jobs;
  readonly notifications: Notifications;
  /** Automation action kinds beyond the core ones (notify, email, plugin actions), by name. */
  readonly actions = new Map<string, ActionHandler>();
  readonly automations: AutomationDeps;
  /** The plugins of `PLUGINS`, with how their loading went. */
  readonly plugins: PluginHost;

  private constructor(
    readonly config: Config,
    readonly connection: Connection,
    readonly registry: RegistryHolder,
    readonly log: Logger,
    opts: { redisPrefix?: string; mailer?: Mailer; plugins?: PluginHost },
  ) {
    this.access = new AccessCache(config.auth.mfaRequired);
    const prefix = opts.redisPrefix ?? 'opsflux';
    this.limits = new RateLimits(config.redisUrl, `${prefix}:rl`, log);
    this.jobs = new Jobs(connection.db, log, this.clock, {
      ...config.jobs,
      redisUrl: config.redisUrl,
      redisPrefix: `${prefix}:jobs`,
      databaseUrl: config.databaseUrl,
      // Embedded PostgreSQL has no second connection to listen on: poll it often.
      pollMs: connection.kind === 'pglite' ? Math.min(config.jobs.pollMs, 250) : config.jobs.pollMs,
    });
    this.mailer = opts.mailer ?? createMailer(config, log);
    registerMailJobs(this.jobs, this.mailer, connection.db, config);
    this.plugins = opts.plugins ?? new PluginHost();
    for (const [name, handler] of this.plugins.actions) this.actions.set(name, handler);
    this.automations = { registry, log, config, actions: this.actions };
    registerAutomationJobs(this.jobs, this.automations);
    registerApprovalJobs(this.jobs, registry, log);
    this.auth = {
      db: connection.db,
      config,
      log,
      limits: this.limits,
      mailer: this.mailer,
      secrets: new SecretBox(config.secretKey),
      access: this.access,
      registry,
      syncRegistry: async (mark) => {
        if (mark !== this.#appliedMark) await this.reloadIfChanged();
      },
      now: () => this.clock.now(),
    };
    this.notifications = new Notifications({
      db: connection.db,
      log,
      clock: this.clock,
      config,
      jobs: this.jobs,
      auth: this.auth,
      redisPrefix: prefix,
    });
  }

  static async create(
    config: Config,
    opts: { log?: Logger; serveApps?: boolean; redisPrefix?: string; mailer?: Mailer } = {},
  ): Promise<Engine> {
    const log = opts.log ?? createLogger(config.logLevel);
    const connection = await connect({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolMax: config.databasePoolMax,
    });
    await ensureSystemSchema(connection.db);
    const applied = await readAppliedBundles(connection.db);
    const history = await readWorkflowHistory(connection.db);
    const registry = new RegistryHolder(
      compileRegistry(
        [...applied.values()].filter((a) => a.status === 'active').map((a) => a.bundle),
        history,
      ),
    );
    // A plugin that fails is left out (and listed as failed): it never stops the engine.
    const plugins = await loadPlugins(config.plugins, { log, variable: config.variable });
    const engine = new Engine(config, connection, registry, log, { ...opts, plugins });
    engine.#appliedMark = await engine.appliedMark();
    // The scheduler's tick chain starts (again) with every engine; its key makes it one per minute.
    await enqueue(connection.db, engine.clock.now(), [tickJob(engine.clock.now())]);
    return engine;
  }

  get db() {
    return this.connection.db;
  }

  /**
   * Rebuilds the registry from the applied bundles and swaps it in; requests in flight keep theirs.
   * A deactivated bundle is left out: its menus, views, forms and data APIs are gone, its data kept.
   */
  async reload(): Promise<void> {
    this.#appliedMark = await this.appliedMark();
    const applied = await readAppliedBundles(this.db);
    const history = await readWorkflowHistory(this.db);
    this.registry.swap(
      compileRegistry(
        [...applied.values()].filter((a) => a.status === 'active').map((a) => a.bundle),
        history,
      ),
    );
  }

  /** Changes whenever a bundle is applied or uninstalled, by this process or another. */
  private async appliedMark(): Promise<number> {
    const { rows } = await this.db.raw('SELECT coalesce(max(id), 0)::int AS mark FROM sys_bundle_versions');
    return Number(rows[0].mark);
  }

  #reloading: Promise<boolean> | undefined;

  /** Reloads the registry when another process (the CLI, another engine) applied a bundle. */
  reloadIfChanged(): Promise<boolean> {
    // Requests that notice the change together share one reload.
    this.#reloading ??= this.#reloadIfChanged().finally(() => (this.#reloading = undefined));
    return this.#reloading;
  }

  async #reloadIfChanged(): Promise<boolean> {
    if ((await this.appliedMark()) === this.#appliedMark) return false;
    await this.reload();
    this.log.info({ registryVersion: this.registry.current.version }, 'bundles changed: registry reloaded');
    return true;
  }

  app(serveApps = false) {
    return createApp({
      db: this.db,
      registry: this.registry,
      log: this.log,
      auth: this.auth,
      jobs: this.jobs,
      automations: this.automations,
      notifications: this.notifications,
      plugins: this.plugins,
      bodyLimit: this.config.bodyLimit,
      reload: () => this.reload(),
      ...(serveApps && { apps: DEFAULT_APPS }),
      ready: async () => {
        await this.db.raw('select 1');
        return this.registry.current !== undefined;
      },
    });
  }

  async listen(port = this.config.port, host = this.config.host): Promise<Server> {
    const server = this.app(true).listen(port, host);
    await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
    this.notifications.attach(server);
    if (this.config.bundleWatchMs > 0) {
      this.#appliedMark = await this.appliedMark();
      this.#watch = setInterval(() => {
        this.reloadIfChanged().catch((err: unknown) => this.log.error({ err }, 'bundle watch failed'));
      }, this.config.bundleWatchMs).unref();
    }
    return server;
  }

  async close(): Promise<void> {
    clearInterval(this.#watch);
    await this.jobs.stop();
    await this.notifications.close();
    await Promise.all([this.limits.close(), this.mailer.close()]);
    await this.db.destroy();
    this.plugins.close();
  }
}
