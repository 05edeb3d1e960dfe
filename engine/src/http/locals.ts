import type { Knex } from 'knex';
import type { Access } from '../access/access.ts';
import type { Principal } from '../access/principal.ts';
import type { Registry } from '../registry/registry-types.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      registry: Registry;
      db: Knex;
      /** The engine's clock (movable in tests): every request reads time from it. */
      now: () => Date;
      /** Set by authentication when credentials were presented and valid. */
      principal?: Principal;
      access?: Access;
      /** A step the session must complete before anything else (`mfa_enrolment`, `password_change`). */
      pending?: string | null;
      via?: 'cookie' | 'bearer' | 'api-key';
    }
  }
}

export {};
