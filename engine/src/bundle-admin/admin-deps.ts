import type { Knex } from 'knex';
import type { AutomationDeps } from '../automations/automation-runner.ts';
import type { Clock } from '../jobs/clock.ts';
import type { Live } from '../notify/live.ts';
import type { RegistryHolder } from '../registry/compile-registry.ts';

/** What the designer's bundle administration routes need from the engine. */
export interface BundleAdminDeps {
  db: Knex;
  registry: RegistryHolder;
  /** Rebuilds the registry from the applied bundles and swaps it in (the engine's `reload`). */
  reload: () => Promise<void>;
  /** The socket server: every connected client hears `meta:changed` after a publish. */
  live: Live;
  /** For dry runs of a draft's automations. */
  automations: AutomationDeps;
  clock: Clock;
}
