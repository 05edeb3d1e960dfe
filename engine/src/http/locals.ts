import type { Knex } from 'knex';
import type { Registry } from '../registry/registry-types.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      registry: Registry;
      db: Knex;
    }
  }
}

export {};
