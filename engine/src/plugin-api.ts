import type { Knex } from 'knex';
import { OpsError, type ErrorDetail } from './errors.ts';
import type { Logger } from './logger.ts';

/*
 * The plugin API: the one engine module a plugin imports (`@opsflux/engine/plugin`). A plugin is
 * a module whose default export is `definePlugin({...})`; the engine loads the modules named by
 * `PLUGINS`, checks them and registers what they provide. Everything a plugin adds is named
 * `<plugin>.<name>`: the action `iban.print`, the rule operation `iban.valid`, the field format
 * `iban.iban`, the routes under `/api/v1/plugins/iban/`. See docs/plugins.md.
 */

/** A plugin: what it is and what it adds to the engine. */
export interface PluginDefinition {
  /** Lowercase letters and digits, words joined by dashes (`iban`, `unit-convert`); at most 40 characters. */
  name: string;
  /** Semantic version (`1.2.0`). */
  version: string;
  description?: string;
  /**
   * Runs once when the engine loads the plugin, before anything is registered: read settings,
   * build tables. A throw (or 10 seconds without an answer) leaves the plugin out.
   */
  setup?: (ctx: PluginSetupContext) => void | Promise<void>;
  /** Automation actions: `{ "type": "plugin", "action": "<plugin>.<name>", "params": {...} }`. */
  actions?: Record<string, PluginAction>;
  /** json-logic operations for rules, guards, computed fields and conditions: `{ "<plugin>.<name>": [args] }`. */
  ruleOperations?: Record<string, RuleOperation>;
  /** Text formats for `string` fields: `{ "type": "string", "format": "<plugin>.<name>" }`. */
  fieldTypes?: Record<string, PluginFieldType>;
  /** HTTP routes under `/api/v1/plugins/<plugin>/`, for signed-in callers only. */
  routes?: PluginRoute[];
}

/** Declares a plugin; the engine checks it when it loads it. */
export function definePlugin<T extends PluginDefinition>(def: T): T {
  return def;
}

/** The plugin's part of the engine's log (pino): `log.info({ iban: masked }, 'checked')`. */
export type PluginLogger = Pick<Logger, 'trace' | 'debug' | 'info' | 'warn' | 'error'>;

export interface PluginSetupContext {
  log: PluginLogger;
  /**
   * A setting from the environment. A plugin reads only its own: names start with its name in
   * capitals, dashes as underscores (`IBAN_STRICT` for `iban`, `UNIT_CONVERT_...`).
   */
  variable(name: string): string | undefined;
}

/** A record as the data API shows it: field values by name, with `id`, `version`... */
export type PluginRecord = Record<string, unknown>;

/**
 * The run's transaction. Writes through it commit with the automation run and roll back with it
 * (a failed attempt, a dry run). Prefer `createRecord` and `updateRecord`, which validate,
 * audit and trigger automations; raw writes to bundle tables skip all of that.
 */
export type PluginTransaction = Knex.Transaction;

/** What a plugin action sees of the automation run that calls it. */
export interface PluginActionContext {
  /** The action's `params`, each json-logic expression evaluated over the event's data. */
  params: Record<string, unknown>;
  /** The event's record (a copy): the current one, or as it was deleted; null for schedules and webhooks. */
  record: Readonly<PluginRecord> | null;
  event: {
    /** `record.created`, `record.updated`, `transition`, `schedule`, `webhook`... */
    type: string;
    at: string;
    /** `bundle.entity` of the record, if any. */
    entity: string | null;
    recordId: string | null;
    changes: readonly string[];
    transition: { name: string; from: string; to: string } | null;
  };
  /** `bundle.automation` */
  automation: string;
  /** The run's time (the engine's clock). */
  now: Date;
  log: PluginLogger;
  db: PluginTransaction;
  /**
   * Changes fields of the event's record, as the automation (validated, audited, its own
   * automations triggered). Null when the record is gone.
   */
  updateRecord(values: Record<string, unknown>): Promise<PluginRecord | null>;
  /** Creates a record of `entity` (`name` in the automation's bundle, or `bundle.name`), as the automation. */
  createRecord(entity: string, values: Record<string, unknown>): Promise<PluginRecord>;
}

/**
 * An automation action. What it returns (a JSON object) goes into the run's execution log. It
 * runs at least once: jobs are retried, so an action must be safe to run again. A thrown
 * `PluginError` fails the run for good; any other error is retried, then dead-lettered.
 */
export type PluginAction = (ctx: PluginActionContext) => Promise<object | void> | object | void;

/**
 * A json-logic operation: synchronous and pure (same arguments, same answer; no I/O, no clock,
 * no randomness), because rules run on every write and in validation. It receives the evaluated
 * arguments. A throw or a returned Promise gives null.
 */
export type RuleOperation = (...args: unknown[]) => unknown;

/** A text format for `string` fields: stored as text, checked by the plugin. */
export interface PluginFieldType {
  /** What a value is, for messages: `"Account" must be a valid IBAN`. Defaults to the format's name. */
  label?: string;
  /** Turns what a user typed into the stored form (trim, upper-case...); runs before `validate`. Pure. */
  normalize?: (value: string) => string;
  /** `true` when the (normalized) value is acceptable, else what is wrong with it. Pure and synchronous. */
  validate: (value: string) => true | string;
}

export type PluginHttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who calls a plugin route: a read-only view of the signed-in principal. */
export interface PluginPrincipal {
  kind: 'user' | 'system';
  userId: string | null;
  name: string | null;
  email: string | null;
  /** The company the caller works in now. */
  companyId: string | null;
  /** Platform roles (`admin`, `auditor`). */
  systemRoles: readonly string[];
  /** Bundle roles held in the current company (`crm.viewer`). */
  roles: readonly string[];
  isAdmin: boolean;
}

export interface PluginRequest {
  principal: PluginPrincipal;
  method: PluginHttpMethod;
  /** Path parameters (`/rates/:currency`). */
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, if any. */
  body: unknown;
  now: Date;
  log: PluginLogger;
}

/**
 * A route handler: what it returns is sent as JSON (200; nothing: 204). Throw a `PluginError`
 * for a 4xx answer; any other throw is a 500 for this request only.
 */
export type PluginRouteHandler = (req: PluginRequest) => unknown;

export interface PluginRoute {
  method: PluginHttpMethod;
  /** Below `/api/v1/plugins/<plugin>`: `/check`, `/countries/:code`. */
  path: string;
  handler: PluginRouteHandler;
}

/**
 * An error the caller can fix. From a route: answered with its status (4xx) as
 * `{ error: { code, message, details } }`. From an action: the run fails without retry.
 */
export class PluginError extends OpsError {
  constructor(message: string, opts: { status?: number; code?: string; details?: ErrorDetail[] } = {}) {
    const status = opts.status !== undefined && opts.status >= 400 && opts.status < 500 ? opts.status : 400;
    super(status, opts.code ?? 'plugin_error', message, opts.details ?? []);
    this.name = 'PluginError';
  }
}
