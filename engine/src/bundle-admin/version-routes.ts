import { Router, type Request } from 'express';
import { readAppliedBundles } from '../bundles/bundle-store.ts';
import { OpsError, badRequest } from '../errors.ts';
import { checkBody, objectSchema } from '../http/check-body.ts';
import type { BundleAdminDeps } from './admin-deps.ts';
import { applyConfirmed } from './apply-confirmed.ts';
import { actorOf } from './request-actor.ts';
import { checkFiles } from './check-files.ts';
import { diffFiles } from './diff-files.ts';
import { planView } from './draft-check.ts';
import { checkBundleName } from './draft-paths.ts';
import { readDraft } from './draft-store.ts';
import { filesOrRefuse, listVersions, nextVersion, readVersion, storedFiles } from './version-store.ts';

const BASE = '/api/v1/admin/bundles/:name';
const SIDE = /^([1-9]\d{0,15}|current|draft)$/;

/** History of a bundle: its versions, their files, diffs between them, rollbacks. */
export function versionRoutes(deps: BundleAdminDeps): Router {
  const r = Router();
  const db = deps.db;
  const nameOf = (req: Request) => checkBundleName(String(req.params.name));

  r.get(`${BASE}/versions`, async (req, res) => {
    const name = nameOf(req);
    const versions = await listVersions(db, name);
    if (!versions.length) throw new OpsError(404, 'bundle_not_found', `The bundle "${name}" has no history`);
    res.json({ data: versions });
  });

  r.get(`${BASE}/versions/:id`, async (req, res) => {
    const { definition, ...v } = await readVersion(db, nameOf(req), String(req.params.id));
    res.json({ data: { ...v, files: definition ? storedFiles(definition) : null } });
  });

  /** One side of a diff: a version id, `current` (the applied bundle) or `draft`. */
  const sideFiles = async (name: string, side: string): Promise<Record<string, unknown>> => {
    if (side === 'draft') {
      const draft = await readDraft(db, name);
      if (!draft) throw new OpsError(404, 'draft_not_found', `The bundle "${name}" has no draft`);
      return Object.fromEntries(draft.files);
    }
    if (side === 'current') {
      const applied = (await readAppliedBundles(db)).get(name);
      if (!applied) throw new OpsError(404, 'bundle_not_found', `The bundle "${name}" is not installed`);
      return storedFiles(applied.bundle);
    }
    return filesOrRefuse(await readVersion(db, name, side));
  };

  r.get(`${BASE}/diff`, async (req, res) => {
    const name = nameOf(req);
    const sides = { from: req.query.from ?? 'current', to: req.query.to ?? 'draft' };
    for (const [key, value] of Object.entries(sides)) {
      if (typeof value !== 'string' || !SIDE.test(value)) {
        throw badRequest('query_invalid', `"${key}" must be a version id, "current" or "draft"`, [
          { path: key, code: 'format', message: `"${key}" must be a version id, "current" or "draft"` },
        ]);
      }
    }
    const [from, to] = [sides.from as string, sides.to as string];
    const files = diffFiles(await sideFiles(name, from), await sideFiles(name, to));
    res.json({ data: { from, to, files } });
  });

  /** The version's definition, renumbered after every version the bundle had, checked and planned. */
  const rollback = async (req: Request, dryRun: boolean) => {
    const name = nameOf(req);
    const target = await readVersion(db, name, String(req.params.id));
    const files = filesOrRefuse(target);
    const applied = (await readAppliedBundles(db)).get(name);
    if (!applied) throw new OpsError(404, 'bundle_not_found', `The bundle "${name}" is not installed`);
    const version = await nextVersion(db, name, applied.version);
    const manifest = { ...(files['bundle.json'] as object), version };
    const checked = await checkFiles(
      db,
      new Map(Object.entries({ ...files, 'bundle.json': manifest })),
      `rollback:${name}`,
      {
        dryRun,
      },
    );
    return { name, target, applied, version, checked };
  };

  r.post(`${BASE}/versions/:id/rollback/plan`, async (req, res) => {
    const { target, version, checked } = await rollback(req, true);
    res.json({
      data: {
        ok: !checked.issues.length,
        issues: checked.issues,
        target: { id: target.id, version: target.version },
        version,
        plan: checked.plan && planView(checked.plan),
        problems: checked.problems,
      },
    });
  });

  r.post(`${BASE}/versions/:id/rollback`, async (req, res) => {
    const body = checkBody<{ confirm?: string }>(
      req.body,
      objectSchema({ confirm: { type: 'string', maxLength: 64 } }),
    );
    const { name, target, applied, version, checked } = await rollback(req, false);
    if (!checked.bundle) {
      throw new OpsError(
        422,
        'rollback_invalid',
        `Version ${target.id} (${target.version}) no longer validates against the installed bundles: ${checked.issues.length} problem(s)`,
        checked.issues.map((i) => ({
          path: `${i.file}${i.pointer ? `#${i.pointer}` : ''}`,
          code: i.code,
          message: i.message,
        })),
        { issues: checked.issues },
      );
    }
    const plan = await applyConfirmed(deps, checked.bundle, {
      confirm: body.confirm,
      actor: actorOf(req),
      operation: 'rollback',
      event: {
        action: 'designer.rollback',
        entity: name,
        changes: { version: [applied.version, version] },
        reason: `back to the definition of version id ${target.id} (${target.version})`,
      },
    });
    res.json({ data: { version, plan: planView(plan) } });
  });

  return r;
}
