import type { Knex } from 'knex';
import { appendAudit, type AuditActor } from '../audit/audit-entry.ts';
import { readAppliedBundles } from '../bundles/bundle-store.ts';
import { conflict, notFound, OpsError } from '../errors.ts';
import { bundleToFiles, type BundleFiles } from './bundle-to-files.ts';
import { MAX_DRAFT_BYTES, MAX_DRAFT_FILES } from './draft-paths.ts';

/** Who last changed a draft (or a file of it), and when. */
export interface ChangeStamp {
  revision: number;
  updatedAt: string;
  updatedBy: string | null;
  updatedByName: string | null;
}

export interface DraftHead extends ChangeStamp {
  bundle: string;
  /** The revision the draft started at: its files as copied from the applied bundle. */
  startRevision: number;
  /** The applied version the draft was copied from; null for a bundle never applied. */
  baseVersion: string | null;
}

export interface Draft extends DraftHead {
  files: BundleFiles;
  /** The revision each file last changed at (`startRevision` for files not changed yet). */
  fileRevisions: Map<string, number>;
}

/** One change to a draft: a file written, removed or renamed. */
export type DraftChange =
  | { kind: 'put'; path: string; content: object }
  | { kind: 'delete'; path: string }
  | { kind: 'rename'; from: string; to: string };

type Db = Knex | Knex.Transaction;

const HEAD_COLUMNS = [
  'd.bundle',
  'd.revision',
  'd.start_revision',
  'd.base_version',
  'd.updated_at',
  'd.updated_by',
  'u.first_name',
  'u.last_name',
];

function headOf(row: Record<string, unknown>): DraftHead {
  return {
    bundle: row.bundle as string,
    revision: Number(row.revision),
    startRevision: Number(row.start_revision),
    baseVersion: (row.base_version as string | null) ?? null,
    updatedAt: new Date(row.updated_at as string).toISOString(),
    updatedBy: (row.updated_by as string | null) ?? null,
    updatedByName: row.first_name ? `${String(row.first_name)} ${String(row.last_name)}` : null,
  };
}

function heads(db: Db) {
  return db('sys_bundle_drafts as d').leftJoin('sys_users as u', 'u.id', 'd.updated_by').select(HEAD_COLUMNS);
}

/** Every open draft, by bundle. */
export async function readDraftHeads(db: Db): Promise<Map<string, DraftHead>> {
  const rows = (await heads(db)) as Record<string, unknown>[];
  return new Map(rows.map((r) => [r.bundle as string, headOf(r)]));
}

export async function readDraft(db: Db, bundle: string): Promise<Draft | undefined> {
  const row = (await heads(db).where('d.bundle', bundle).first()) as Record<string, unknown> | undefined;
  if (!row) return undefined;
  const rows = (await db('sys_bundle_draft_files')
    .where({ bundle })
    .orderBy('path')
    .select('path', 'content', 'revision')) as { path: string; content: unknown; revision: number }[];
  return {
    ...headOf(row),
    files: new Map(rows.map((r) => [r.path, r.content])),
    fileRevisions: new Map(rows.map((r) => [r.path, Number(r.revision)])),
  };
}

/** The files a new draft of `bundle` starts from: the applied bundle's; undefined when none. */
export async function appliedFiles(
  db: Db,
  bundle: string,
): Promise<{ files: BundleFiles; version: string; appliedAt: string; appliedBy: string | null } | undefined> {
  const applied = (await readAppliedBundles(db)).get(bundle);
  return (
    applied && {
      files: bundleToFiles(applied.bundle),
      version: applied.version,
      appliedAt: applied.appliedAt,
      appliedBy: applied.appliedBy,
    }
  );
}

/** The revision the next draft of a bundle starts at: numbering never restarts. */
async function lastRevision(trx: Knex.Transaction, bundle: string): Promise<number> {
  const row = await trx('sys_bundle_draft_changes').where({ bundle }).max('revision as r').first();
  return Number(row?.r ?? 0);
}

/** Opens a draft with `files` at the bundle's next revision; the caller holds a transaction. */
async function openDraft(
  trx: Knex.Transaction,
  bundle: string,
  base: { files: BundleFiles; version: string | null },
  by: string | null,
  now: Date,
): Promise<boolean> {
  const start = await lastRevision(trx, bundle);
  const inserted = await trx('sys_bundle_drafts')
    .insert({
      bundle,
      revision: start,
      start_revision: start,
      base_version: base.version,
      created_at: now,
      created_by: by,
      updated_at: now,
      updated_by: by,
    })
    .onConflict('bundle')
    .ignore()
    .returning('bundle');
  if (!inserted.length) return false;
  const rows = [...base.files].map(([path, content]) => ({
    bundle,
    path,
    content: JSON.stringify(content),
    revision: start,
    updated_at: now,
    updated_by: by,
  }));
  for (let i = 0; i < rows.length; i += 500) await trx('sys_bundle_draft_files').insert(rows.slice(i, i + 500));
  return true;
}

/** The 409 a write based on a stale view gets: who changed what, and the draft's revision now. */
function staleView(head: DraftHead, file: string, by: ChangeStamp): OpsError {
  const who = by.updatedByName ?? 'someone';
  const message = `${who} changed ${file} at revision ${by.revision} after the revision your change is based on: reload the draft`;
  return new OpsError(409, 'draft_conflict', message, [], {
    details: {
      revision: head.revision,
      updatedBy: by.updatedBy,
      updatedByName: by.updatedByName,
      updatedAt: by.updatedAt,
      file,
    },
  });
}

/** The last change to `path` after `since`, if any. */
async function changedSince(trx: Knex.Transaction, bundle: string, path: string, since: number) {
  const row = (await trx('sys_bundle_draft_changes as c')
    .leftJoin('sys_users as u', 'u.id', 'c.by')
    .where({ 'c.bundle': bundle, 'c.path': path })
    .where('c.revision', '>', since)
    .orderBy('c.revision', 'desc')
    .first('c.revision', 'c.at', 'c.by', 'u.first_name', 'u.last_name')) as Record<string, unknown> | undefined;
  if (!row) return undefined;
  return {
    revision: Number(row.revision),
    updatedAt: new Date(row.at as string).toISOString(),
    updatedBy: (row.by as string | null) ?? null,
    updatedByName: row.first_name ? `${String(row.first_name)} ${String(row.last_name)}` : null,
  } satisfies ChangeStamp;
}

const AUDIT_ACTION: Record<DraftChange['kind'], string> = {
  put: 'designer.put_file',
  delete: 'designer.delete_file',
  rename: 'designer.rename_file',
};

const touched = (c: DraftChange) => (c.kind === 'rename' ? [c.from, c.to] : [c.path]);

export interface ChangeResult {
  revision: number;
  /** Files others changed since the caller's revision: new content, or null when removed. */
  changed: Record<string, unknown>;
}

/**
 * Applies one change to the draft of `bundle`, opening the draft from the applied bundle first
 * when there is none. `revision` is the draft revision the caller's view is of (0: the applied
 * files). The rule: the change is refused (`409 draft_conflict`) when the view is of another
 * draft (a revision this draft never had), or when a file it touches changed after `revision`.
 */
export async function changeDraft(
  db: Knex,
  input: { bundle: string; revision: number; change: DraftChange; actor: AuditActor; now: Date },
): Promise<ChangeResult> {
  const { bundle, revision, change, actor, now } = input;
  return db.transaction(async (trx) => {
    let head = await lockHead(trx, bundle);
    if (!head) {
      const applied = await appliedFiles(trx, bundle);
      if (!applied) throw notFound(`No bundle "${bundle}" is installed or drafted`);
      if (revision !== 0) throw gone(bundle, revision, await appliedStamp(trx, bundle));
      await openDraft(trx, bundle, applied, actor.id, now);
      head = (await lockHead(trx, bundle))!;
    }
    const since = revision === 0 ? head.startRevision : revision;
    if (since < head.startRevision || since > head.revision) throw gone(bundle, revision, head);
    for (const path of touched(change)) {
      const later = await changedSince(trx, bundle, path, since);
      if (later) throw staleView(head, path, later);
    }
    const next = head.revision + 1;
    await applyChange(trx, bundle, change, next, actor.id, now);
    await checkLimits(trx, bundle);
    const changed = await othersChanged(trx, bundle, since, next, touched(change));
    await trx('sys_bundle_drafts').where({ bundle }).update({ revision: next, updated_at: now, updated_by: actor.id });
    await appendAudit(trx, actor, now, [
      {
        action: AUDIT_ACTION[change.kind],
        entity: bundle,
        changes:
          change.kind === 'rename'
            ? { file: [change.from, change.to], revision: [head.revision, next] }
            : { file: change.path, revision: [head.revision, next] },
      },
    ]);
    return { revision: next, changed };
  });
}

/** The draft's head, its row locked until the transaction ends; undefined when there is no draft. */
export async function lockHead(trx: Knex.Transaction, bundle: string): Promise<DraftHead | undefined> {
  await trx('sys_bundle_drafts').where({ bundle }).forUpdate().first('bundle');
  const row = (await heads(trx).where('d.bundle', bundle).first()) as Record<string, unknown> | undefined;
  return row && headOf(row);
}

async function appliedStamp(db: Db, bundle: string): Promise<ChangeStamp> {
  const { rows } = await db.raw(
    `select b.applied_at, b.applied_by, u.first_name, u.last_name
       from sys_bundles b left join sys_users u on u.id::text = b.applied_by
      where b.name = ?`,
    [bundle],
  );
  const row = rows[0] as Record<string, unknown>;
  return {
    revision: 0,
    updatedAt: new Date(row.applied_at as string).toISOString(),
    updatedBy: (row.applied_by as string | null) ?? null,
    updatedByName: row.first_name ? `${String(row.first_name)} ${String(row.last_name)}` : null,
  };
}

/** A view of a draft that is no more (published or discarded) or of a revision never reached. */
function gone(bundle: string, revision: number, now: ChangeStamp): OpsError {
  return new OpsError(
    409,
    'draft_conflict',
    `Revision ${revision} is not a revision of the current draft of "${bundle}" (it was published, discarded or replaced): reload the draft`,
    [],
    {
      details: {
        revision: now.revision,
        updatedBy: now.updatedBy,
        updatedByName: now.updatedByName,
        updatedAt: now.updatedAt,
        file: null,
      },
    },
  );
}

async function applyChange(
  trx: Knex.Transaction,
  bundle: string,
  change: DraftChange,
  revision: number,
  by: string | null,
  now: Date,
): Promise<void> {
  const files = trx('sys_bundle_draft_files');
  const log = (path: string, operation: string) =>
    trx('sys_bundle_draft_changes').insert({ bundle, revision, path, operation, at: now, by });
  const stamp = { revision, updated_at: now, updated_by: by };
  if (change.kind === 'put') {
    await files
      .insert({ bundle, path: change.path, content: JSON.stringify(change.content), ...stamp })
      .onConflict(['bundle', 'path'])
      .merge();
    await log(change.path, 'put');
    return;
  }
  if (change.kind === 'delete') {
    if (change.path === 'bundle.json') throw cannot('path', 'bundle.json cannot be removed: a bundle needs it');
    const n = await files.where({ bundle, path: change.path }).delete();
    if (!n) throw notFound(`The draft of "${bundle}" has no file ${change.path}`);
    await log(change.path, 'delete');
    return;
  }
  if (change.from === 'bundle.json' || change.to === 'bundle.json') {
    throw cannot(change.from === 'bundle.json' ? 'from' : 'to', 'bundle.json cannot be renamed');
  }
  if (change.from === change.to) throw cannot('to', '"to" is the file\'s present name');
  const exists = await trx('sys_bundle_draft_files').where({ bundle, path: change.to }).first('path');
  if (exists) throw conflict('file_exists', `The draft already has a file ${change.to}: remove it first`);
  const row = await trx('sys_bundle_draft_files').where({ bundle, path: change.from }).first('content');
  if (!row) throw notFound(`The draft of "${bundle}" has no file ${change.from}`);
  await files.where({ bundle, path: change.from }).update({
    path: change.to,
    content: JSON.stringify(renamedContent(change.from, change.to, row.content)),
    ...stamp,
  });
  await log(change.from, 'rename_from');
  await log(change.to, 'rename_to');
}

const baseName = (path: string) =>
  path
    .slice(path.lastIndexOf('/') + 1)
    .replace(/\.json$/, '')
    .replace(/\.entity$/, '');

/**
 * A definition follows its file: its `name` becomes the new file name. An entity also keeps the
 * name its table has (`renamedFrom`), so publishing renames the table instead of dropping it.
 */
export function renamedContent(from: string, to: string, content: unknown): unknown {
  const def = content as { name?: unknown; renamedFrom?: unknown };
  const [before, after] = [baseName(from), baseName(to)];
  if (!def || typeof def !== 'object' || def.name !== before) return content;
  const next: Record<string, unknown> = { ...def, name: after };
  if (from.startsWith('entities/') && to.startsWith('entities/')) {
    const original = typeof def.renamedFrom === 'string' ? def.renamedFrom : before;
    if (original === after) delete next.renamedFrom;
    else next.renamedFrom = original;
  }
  return next;
}

function cannot(field: string, message: string): OpsError {
  return new OpsError(422, 'change_refused', message, [{ path: field, code: 'change_refused', message }]);
}

async function checkLimits(trx: Knex.Transaction, bundle: string): Promise<void> {
  const row = await trx('sys_bundle_draft_files')
    .where({ bundle })
    .first(trx.raw('count(*)::int as n'), trx.raw('coalesce(sum(octet_length(content::text)), 0)::bigint as bytes'));
  if (Number(row.n) > MAX_DRAFT_FILES) {
    throw new OpsError(413, 'draft_too_large', `A draft holds at most ${MAX_DRAFT_FILES} files`);
  }
  if (Number(row.bytes) > MAX_DRAFT_BYTES) {
    throw new OpsError(413, 'draft_too_large', `A draft holds at most ${MAX_DRAFT_BYTES / 1024 / 1024} MB of files`);
  }
}

/** Files changed after `since` by changes other than this one (revision `next`). */
async function othersChanged(
  trx: Knex.Transaction,
  bundle: string,
  since: number,
  next: number,
  mine: string[],
): Promise<Record<string, unknown>> {
  const paths = (await trx('sys_bundle_draft_changes')
    .where({ bundle })
    .where('revision', '>', since)
    .where('revision', '<', next)
    .distinct('path')
    .pluck('path')) as string[];
  const others = paths.filter((p) => !mine.includes(p));
  if (!others.length) return {};
  const rows = (await trx('sys_bundle_draft_files')
    .where({ bundle })
    .whereIn('path', others)
    .select('path', 'content')) as { path: string; content: unknown }[];
  const found = new Map(rows.map((r) => [r.path, r.content]));
  return Object.fromEntries(others.sort().map((p) => [p, found.get(p) ?? null]));
}

/** Opens the draft of a bundle never applied, with its bundle.json only. */
export async function createBundleDraft(
  db: Knex,
  input: { bundle: string; manifest: object; actor: AuditActor; now: Date },
): Promise<DraftHead> {
  return db.transaction(async (trx) => {
    const applied = await trx('sys_bundles').where({ name: input.bundle }).first('name');
    const opened =
      !applied &&
      (await openDraft(
        trx,
        input.bundle,
        { files: new Map([['bundle.json', input.manifest]]), version: null },
        input.actor.id,
        input.now,
      ));
    if (!opened) throw conflict('bundle_exists', `A bundle named "${input.bundle}" is already installed or drafted`);
    await appendAudit(trx, input.actor, input.now, [
      { action: 'designer.create', entity: input.bundle, changes: { file: 'bundle.json', revision: 0 } },
    ]);
    return (await lockHead(trx, input.bundle))!;
  });
}

/** Removes the draft of a bundle (its change log stays, so numbering goes on). */
export async function discardDraft(
  db: Knex,
  input: { bundle: string; actor: AuditActor; now: Date },
): Promise<boolean> {
  return db.transaction(async (trx) => {
    const head = await lockHead(trx, input.bundle);
    if (!head) return false;
    await removeDraft(trx, input.bundle, head.revision, 'discard', input.actor.id, input.now);
    await appendAudit(trx, input.actor, input.now, [
      { action: 'designer.discard', entity: input.bundle, changes: { revision: head.revision } },
    ]);
    return true;
  });
}

/**
 * Deletes a draft and writes one last change (revision + 1, path `*`): a view of the removed draft
 * never matches a later draft of the same bundle.
 */
export async function removeDraft(
  trx: Knex.Transaction,
  bundle: string,
  revision: number,
  operation: 'discard' | 'publish',
  by: string | null,
  now: Date,
): Promise<void> {
  await trx('sys_bundle_drafts').where({ bundle }).delete();
  await trx('sys_bundle_draft_changes').insert({ bundle, revision: revision + 1, path: '*', operation, at: now, by });
}
