import { Router } from 'express';
import { appendAudit } from '../audit/audit-entry.ts';
import { badRequest } from '../errors.ts';
import type { BundleAdminDeps } from './admin-deps.ts';
import { actorOf } from './request-actor.ts';
import { writeZip } from './bundle-zip.ts';
import { checkBundleName } from './draft-paths.ts';
import { exportBundle } from './export-bundle.ts';

/** `true`/`false` (or `1`/`0`) of a query parameter; absent is false. */
function flag(query: Record<string, unknown>, key: string): boolean {
  const v = query[key];
  if (v === undefined || v === 'false' || v === '0' || v === '') return false;
  if (v === 'true' || v === '1') return true;
  throw badRequest('query_invalid', `"${key}" must be true or false`, [
    { path: key, code: 'type', message: `"${key}" must be true or false` },
  ]);
}

/** The bundle as a .zip of formatted files: the same bytes every time for the same bundle. */
export function exportRoutes(deps: BundleAdminDeps): Router {
  const r = Router();
  r.get('/api/v1/admin/bundles/:name/export.zip', async (req, res) => {
    const name = checkBundleName(String(req.params.name));
    const query = req.query as Record<string, unknown>;
    const opts = { seed: flag(query, 'seed'), draft: flag(query, 'draft') };
    const exported = await exportBundle(deps.db, name, { ...opts, seedsDir: deps.automations.config.seedsDir });
    const zip = await writeZip(exported.files);
    await deps.db.transaction((trx) =>
      appendAudit(trx, actorOf(req), deps.clock.now(), [
        {
          action: 'designer.export',
          entity: name,
          changes: { version: exported.version, draft: exported.fromDraft, seed: exported.seeded },
          reason: `${exported.files.size} file(s)`,
        },
      ]),
    );
    const file = `${name}-${exported.version.replace(/[^0-9A-Za-z.+-]/g, '_')}${exported.fromDraft ? '-draft' : ''}.zip`;
    res
      .status(200)
      .set({
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="${file}"`,
        'x-bundle-version': exported.version,
        'x-bundle-seed': String(exported.seeded),
        'x-bundle-draft': String(exported.fromDraft),
      })
      .send(zip);
  });
  return r;
}
