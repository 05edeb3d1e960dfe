import { BUNDLE_NAME_PATTERN } from '@opsflux/definitions';
import express, { Router } from 'express';
import { appendAudit } from '../audit/audit-entry.ts';
import { BundleLoadError, readZip } from '../bundles/load-bundle.ts';
import { OpsError } from '../errors.ts';
import { checkBody, objectSchema } from '../http/check-body.ts';
import type { BundleAdminDeps } from './admin-deps.ts';
import { applyConfirmed } from './apply-confirmed.ts';
import { actorOf } from './request-actor.ts';
import { bundleToFiles } from './bundle-to-files.ts';
import { checkFiles } from './check-files.ts';
import { planView } from './draft-check.ts';
import { dropImport, findImport, saveImport } from './import-store.ts';

/** The largest .zip an import takes; what it unpacks to is capped by readZip (50 MB, 5000 files). */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'];
const BUNDLE_NAME = new RegExp(BUNDLE_NAME_PATTERN);

const issueDetails = (issues: { file: string; pointer: string; code: string; message: string }[]) =>
  issues.map((i) => ({
    path: `${i.file || '(archive)'}${i.pointer ? `#${i.pointer}` : ''}`,
    code: i.code,
    message: i.message,
  }));

/** Import of a bundle .zip: checked and planned first, applied on a second call. */
export function importRoutes(deps: BundleAdminDeps): Router {
  const r = Router();
  const db = deps.db;

  const raw = express.raw({ type: () => true, limit: IMPORT_MAX_BYTES });
  r.post(
    '/api/v1/admin/bundles/import',
    (req, res, next) =>
      raw(req, res, (err?: unknown) => {
        if ((err as { type?: string } | undefined)?.type !== 'entity.too.large') return next(err);
        next(
          new OpsError(413, 'payload_too_large', `The .zip is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB`, [
            {
              path: '(body)',
              code: 'too_large',
              message: `An import takes at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB`,
            },
          ]),
        );
      }),
    async (req, res) => {
      const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!ZIP_TYPES.includes(type) || !Buffer.isBuffer(req.body)) {
        throw new OpsError(
          415,
          'unsupported_media_type',
          'Send the bundle as the body, a .zip with "Content-Type: application/zip"',
          [
            {
              path: '(body)',
              code: 'content_type',
              message: `The body must be application/zip, not "${type.slice(0, 80) || 'none'}"`,
            },
          ],
        );
      }
      if (!req.body.length) {
        throw new OpsError(400, 'body_required', 'The body is empty: send the bundle .zip', [
          { path: '(body)', code: 'required', message: 'The .zip is required' },
        ]);
      }
      let files: Map<string, Buffer>;
      try {
        files = await readZip(req.body);
      } catch (e) {
        if (!(e instanceof BundleLoadError)) throw e;
        throw new OpsError(
          400,
          e.issues[0]?.code ?? 'invalid_zip',
          e.issues[0]?.message ?? 'The .zip cannot be read',
          issueDetails(e.issues),
        );
      }
      const checked = await checkFiles(db, files, 'import');
      const name = checked.name && BUNDLE_NAME.test(checked.name) && checked.name.length <= 64 ? checked.name : null;
      const now = deps.clock.now();
      const stored = await db.transaction(async (trx) => {
        const saved =
          checked.bundle && !checked.issues.length
            ? await saveImport(
                trx,
                {
                  bundle: checked.bundle.manifest.name,
                  version: checked.bundle.manifest.version,
                  files: Object.fromEntries(bundleToFiles(checked.bundle)),
                  createdBy: actorOf(req).id,
                },
                now,
              )
            : undefined;
        await appendAudit(trx, actorOf(req), now, [
          {
            action: 'designer.import',
            entity: name,
            changes: { version: checked.version?.slice(0, 64) ?? null, importId: saved?.id ?? null },
            reason: `${files.size} file(s), ${checked.issues.length} problem(s)`,
          },
        ]);
        return saved;
      });
      res.json({
        data: {
          importId: stored?.id ?? null,
          expiresAt: stored?.expiresAt ?? null,
          bundle: checked.name,
          version: checked.version,
          installedVersion: checked.installedVersion,
          issues: checked.issues,
          dependencies: checked.dependencies,
          plan: checked.plan && planView(checked.plan),
          problems: checked.problems,
        },
      });
    },
  );

  r.post('/api/v1/admin/bundles/import/:importId/apply', async (req, res) => {
    const body = checkBody<{ confirm?: string }>(
      req.body,
      objectSchema({ confirm: { type: 'string', maxLength: 64 } }),
    );
    const id = String(req.params.importId);
    const now = deps.clock.now();
    const stored = await findImport(db, id, now);
    if (!stored) {
      throw new OpsError(
        404,
        'import_not_found',
        `No checked import "${id.slice(0, 40)}": it expired (after an hour) or was applied`,
      );
    }
    // The installation may have changed since the check: everything is checked again.
    const checked = await checkFiles(db, new Map(Object.entries(stored.files)), `import:${id}`, { dryRun: false });
    if (!checked.bundle || checked.issues.length) {
      throw new OpsError(
        422,
        'import_invalid',
        `The import no longer fits the installation: ${checked.issues.length} problem(s)`,
        issueDetails(checked.issues),
        { issues: checked.issues },
      );
    }
    const plan = await applyConfirmed(deps, checked.bundle, {
      confirm: body.confirm,
      actor: actorOf(req),
      event: {
        action: 'designer.import_apply',
        entity: stored.bundle,
        changes: { version: [checked.installedVersion, stored.version], importId: id },
      },
    });
    await dropImport(db, id);
    res.json({ data: { bundle: stored.bundle, version: stored.version, plan: planView(plan) } });
  });

  return r;
}
