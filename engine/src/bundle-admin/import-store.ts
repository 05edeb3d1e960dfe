import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ensureTables } from '../db/ensure-tables.ts';

/** How long a checked import waits for its apply. */
export const IMPORT_TTL_MS = 60 * 60 * 1000;

/**
 * Imports checked and waiting to be applied: the files of the uploaded .zip (parsed JSON by
 * path) and what the check found. Applying re-checks against the database as it is then.
 */
export async function ensureImportSchema(db: Knex): Promise<void> {
  await ensureTables(db, 4242041, [
    `
      create table if not exists sys_bundle_imports (
        id uuid primary key,
        bundle varchar(64) not null,
        version varchar(64) not null,
        files jsonb not null,
        created_at timestamptz not null,
        created_by uuid,
        expires_at timestamptz not null
      )`,
  ]);
}

export interface StoredImport {
  id: string;
  bundle: string;
  version: string;
  files: Record<string, unknown>;
  createdBy: string | null;
}

export async function saveImport(
  db: Knex,
  entry: Omit<StoredImport, 'id'>,
  now: Date,
): Promise<{ id: string; expiresAt: string }> {
  const id = randomUUID();
  const expiresAt = new Date(now.getTime() + IMPORT_TTL_MS);
  // Expired imports go as new ones come: the table never grows past an hour of uploads.
  await db('sys_bundle_imports').where('expires_at', '<', now).delete();
  await db('sys_bundle_imports').insert({
    id,
    bundle: entry.bundle,
    version: entry.version,
    files: JSON.stringify(entry.files),
    created_at: now,
    created_by: entry.createdBy,
    expires_at: expiresAt,
  });
  return { id, expiresAt: expiresAt.toISOString() };
}

/** A checked import that has not expired, or undefined. */
export async function findImport(
  db: Knex | Knex.Transaction,
  id: string,
  now: Date,
): Promise<StoredImport | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  const row = await db('sys_bundle_imports').where({ id }).where('expires_at', '>', now).first();
  if (!row) return undefined;
  return {
    id: row.id,
    bundle: row.bundle,
    version: row.version,
    files: row.files as Record<string, unknown>,
    createdBy: row.created_by ?? null,
  };
}

export async function dropImport(db: Knex | Knex.Transaction, id: string): Promise<void> {
  await db('sys_bundle_imports').where({ id }).delete();
}
