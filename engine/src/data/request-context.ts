import type { Knex } from 'knex';
import type { Language } from '@opsflux/definitions';
import type { Logger } from '../logger.ts';
import type { Registry } from '../registry/registry-types.ts';

/** Passed down every call of a request: no module reads "the current user" from a global. */
export interface RequestContext {
  db: Knex;
  registry: Registry;
  log: Logger;
  /** Who acts; null until the identity issue adds authentication. */
  actor: string | null;
  now: () => Date;
  /** Language of messages (rule messages are translated). */
  lang: Language;
}
