import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { createConfig } from '../engine/src/config.ts';
import { Engine } from '../engine/src/engine.ts';
import { applyBundles, TIERS } from '../engine/test/harness.ts';
import { generateTiersSeed, type SeedRecord, type SeedRef } from '../seeds/tiers/generate.ts';

export const COMPANY_TABLE = 'tiers_company';
export const CONTACT_TABLE = 'tiers_contact';
export const LINK_TABLE = 'tiers_contact__companies';

/** A database of its own on the benchmark server, dropped by `drop()` (idempotent). */
export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export interface LoadedData {
  companyIds: string[];
  contactIds: string[];
  links: number;
  /** Wall-clock seconds: generating the rows, inserting them, ANALYZE. */
  seconds: { generate: number; insert: number; analyze: number };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `opsflux_bench_${randomBytes(5).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
  let dropped = false;
  try {
    await admin.raw(`CREATE DATABASE ${name}`);
  } catch (e) {
    await admin.destroy();
    throw e;
  }
  return {
    name,
    url: withDatabase(serverUrl, name),
    async drop() {
      if (dropped) return;
      dropped = true;
      try {
        await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.destroy();
      }
    },
  };
}

/** The bench-only bundle: a company-scoped entity and a role reading it under a condition. */
export const SCOPED_BUNDLE = path.join(import.meta.dirname, 'bundles/benchscope');

/**
 * An engine on the bench database, in this process: it applies the bundles, creates the users
 * and serves the in-process benchmarks. Access tokens it issues last a day (the longest allowed),
 * so none expires during a run.
 */
export async function setupEngine(databaseUrl: string): Promise<Engine> {
  return Engine.create(
    createConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', ACCESS_TOKEN_SECONDS: String(24 * 3600) }),
  );
}

/** Applies the tiers bundle and the bench bundle through the engine, as `opsflux apply` would. */
export async function applyBenchBundles(engine: Engine): Promise<void> {
  await applyBundles(engine, [TIERS, SCOPED_BUNDLE]);
}

const COMPANY_COLUMNS = [
  'id',
  'external_id',
  'created_at',
  'updated_at',
  'version',
  'legal_name',
  'trade_name',
  'registration_number',
  'type',
  'sector',
  'address',
  'city',
  'country',
  'parent',
  'reliability_score',
  'website',
  'email',
  'phone',
  'notes',
];

/** The contact fields both servers read and write (the bundle's, computed full_name included). */
export const CONTACT_FIELDS = [
  'first_name',
  'last_name',
  'full_name',
  'job_title',
  'email',
  'phone',
  'mobile',
  'preferred_channel',
  'tags',
  'is_active',
];

const CONTACT_COLUMNS = ['id', 'external_id', 'created_at', 'updated_at', 'version', ...CONTACT_FIELDS];

/** Rows of `columns` only, absent values as null, so every row has the same keys. */
function shape(record: SeedRecord, columns: string[]): Record<string, unknown> {
  return Object.fromEntries(columns.map((c) => [c, record[c] ?? null]));
}

/**
 * Inserts rows in chunks, each chunk one statement: the rows travel as one JSON parameter and
 * `json_populate_recordset` turns them into records of the table's row type. Generated columns
 * (`search_text`) are left out of the column list, so PostgreSQL computes them.
 */
export async function bulkInsert(
  db: Knex,
  table: string,
  columns: string[],
  rows: object[],
  chunk = 5000,
): Promise<void> {
  const cols = columns.map((c) => `"${c}"`).join(', ');
  for (let i = 0; i < rows.length; i += chunk) {
    await db.raw(`INSERT INTO "${table}" (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::"${table}", ?)`, [
      JSON.stringify(rows.slice(i, i + chunk)),
    ]);
  }
}

/**
 * Loads `contacts` contacts and `companies` companies straight into the tables (this is setup,
 * not what is measured). Rows come from the tiers demo generator, so names, e-mails (unique),
 * countries, phones and links look real; `full_name` is computed as the engine would
 * (`first_name + ' ' + last_name`). Creation times are spread over the past year.
 */
export async function loadData(
  databaseUrl: string,
  counts: { companies: number; contacts: number },
): Promise<LoadedData> {
  const t0 = performance.now();
  const seed = generateTiersSeed(counts);
  const now = Date.now();
  const spread = 365 * 24 * 3600 * 1000;
  const at = (i: number, n: number) => new Date(now - spread + Math.floor((spread * i) / Math.max(1, n))).toISOString();

  const companyId = new Map<string, string>();
  for (const c of seed.company) companyId.set(c.external_id as string, randomUUID());
  const companies = seed.company.map((c, i) =>
    shape(
      {
        ...c,
        id: companyId.get(c.external_id as string),
        parent: c.parent ? companyId.get((c.parent as SeedRef).$ref) : null,
        created_at: at(i, seed.company.length),
        updated_at: at(i, seed.company.length),
        version: 1,
      },
      COMPANY_COLUMNS,
    ),
  );
  const links: { source_id: string; target_id: string; position: number }[] = [];
  const contacts = seed.contact.map((c, i) => {
    const id = randomUUID();
    ((c.companies as SeedRef[] | undefined) ?? []).forEach((ref, position) =>
      links.push({ source_id: id, target_id: companyId.get(ref.$ref)!, position }),
    );
    return shape(
      {
        ...c,
        id,
        full_name: `${c.first_name as string} ${c.last_name as string}`,
        created_at: at(i, seed.contact.length),
        updated_at: at(i, seed.contact.length),
        version: 1,
      },
      CONTACT_COLUMNS,
    );
  });
  const t1 = performance.now();

  const db = knexFactory({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 1 } });
  try {
    await bulkInsert(db, COMPANY_TABLE, COMPANY_COLUMNS, companies);
    await bulkInsert(db, CONTACT_TABLE, CONTACT_COLUMNS, contacts);
    await bulkInsert(db, LINK_TABLE, ['source_id', 'target_id', 'position'], links, 20_000);
    const t2 = performance.now();
    await db.raw('ANALYZE');
    const t3 = performance.now();
    // The generated column must match the engine's expression for rows it never wrote.
    const { rows } = await db.raw(
      `SELECT count(*)::int AS n FROM "${CONTACT_TABLE}" WHERE search_text IS NULL OR full_name IS DISTINCT FROM first_name || ' ' || last_name`,
    );
    if (rows[0].n !== 0) throw new Error(`${rows[0].n} loaded contacts have an inconsistent full_name or search_text`);
    return {
      companyIds: companies.map((c) => c.id as string),
      contactIds: contacts.map((c) => c.id as string),
      links: links.length,
      seconds: { generate: (t1 - t0) / 1000, insert: (t2 - t1) / 1000, analyze: (t3 - t2) / 1000 },
    };
  } finally {
    await db.destroy();
  }
}
