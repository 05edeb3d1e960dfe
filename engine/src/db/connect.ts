import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';

export type Db = Knex;

const OID = { int8: 20, numeric: 1700, date: 1082, time: 1083, timestamp: 1114 };

/** Values come back the same way from PostgreSQL and PGlite: dates and times as ISO strings, numerics as numbers. */
const parsers: Record<number, (v: string) => unknown> = {
  [OID.int8]: (v) => Number(v),
  [OID.numeric]: (v) => Number(v),
  [OID.date]: (v) => v,
  [OID.time]: (v) => v,
};
for (const [oid, parse] of Object.entries(parsers)) pg.types.setTypeParser(Number(oid), parse);

export interface ConnectOptions {
  databaseUrl: string | undefined;
  /** PGlite data folder; `memory://` keeps it in memory. */
  dataDir: string;
  poolMax?: number;
}

export interface Connection {
  db: Db;
  kind: 'postgres' | 'pglite';
}

export async function connect(opts: ConnectOptions): Promise<Connection> {
  if (opts.databaseUrl) {
    const db = knexFactory({
      client: 'pg',
      connection: opts.databaseUrl,
      pool: { min: 0, max: opts.poolMax ?? 20 },
    });
    return { db, kind: 'postgres' };
  }
  if (opts.dataDir !== 'memory://') mkdirSync(opts.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: opts.dataDir === 'memory://' ? undefined : opts.dataDir,
    extensions: { pg_trgm },
    parsers,
  });
  const db = knexFactory({ client: ClientPgLite, dialect: 'postgres', connection: { pglite } } as Knex.Config);
  return { db, kind: 'pglite' };
}
