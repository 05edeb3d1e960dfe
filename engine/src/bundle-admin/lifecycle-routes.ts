import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { appendAudit } from '../audit/audit-entry.ts';
import { readAppliedBundles, type AppliedBundle } from '../bundles/bundle-store.ts';
import { OpsError } from '../errors.ts';
import { checkBody, objectSchema } from '../http/check-body.ts';
import { APPLY_LOCK, uninstallBundle } from '../schema/apply-plan.ts';
import { bundleTables } from '../schema/physical-model.ts';
import type { BundleAdminDeps } from './admin-deps.ts';
import { announceMetaChanged } from './meta-changed.ts';
import { actorOf } from './request-actor.ts';
import { checkBundleName } from './draft-paths.ts';

const BASE = '/api/v1/admin/bundles/:name';

function installed(applied: ReadonlyMap<string, AppliedBundle>, name: string): AppliedBundle {
  const a = applied.get(name);
  if (!a) throw new OpsError(404, 'bundle_not_found', `The bundle "${name}" is not installed`);
  return a;
}

/** The installed bundles that depend on `name`. */
function dependantsOf(applied: ReadonlyMap<string, AppliedBundle>, name: string): AppliedBundle[] {
  return [...applied.values()].filter((a) => Object.hasOwn(a.bundle.manifest.dependencies ?? {}, name));
}

/** 409 while an (active) bundle depends on `name`: it would be left without what it needs. */
function refuseDependants(applied: ReadonlyMap<string, AppliedBundle>, name: string, onlyActive: boolean): void {
  const all = dependantsOf(applied, name);
  const active = all.filter((a) => a.status === 'active');
  const blocking = onlyActive ? active : all;
  if (!blocking.length) return;
  const code = active.length ? 'has_active_dependants' : 'has_dependants';
  const names = blocking.map((a) => a.bundle.manifest.name);
  throw new OpsError(
    409,
    code,
    `${names.join(', ')} depend(s) on "${name}": ${active.length ? 'deactivate' : 'uninstall'} ${names.length > 1 ? 'them' : 'it'} first`,
    blocking.map((a) => ({
      path: a.bundle.manifest.name,
      code: a.status === 'active' ? 'active_dependant' : 'dependant',
      message:
        `"${a.bundle.manifest.name}" (${a.status}) depends on "${name}" ${a.bundle.manifest.dependencies?.[name] ?? ''}`.trim(),
    })),
  );
}

/** Activation, deactivation and uninstall of a bundle. */
export function lifecycleRoutes(deps: BundleAdminDeps): Router {
  const r = Router();
  const db = deps.db;

  /** Sets the status under the apply lock, recording it in the bundle's history and the audit trail. */
  const setStatus = async (req: Request, status: 'active' | 'inactive') => {
    const name = checkBundleName(String(req.params.name));
    const changed = await db.transaction(async (trx: Knex.Transaction) => {
      await trx.raw(APPLY_LOCK);
      const applied = await readAppliedBundles(trx);
      const target = installed(applied, name);
      if (target.status === status) return false;
      if (status === 'inactive') refuseDependants(applied, name, true);
      else {
        const off = Object.keys(target.bundle.manifest.dependencies ?? {}).filter(
          (d) => applied.get(d)?.status !== 'active',
        );
        if (off.length) {
          throw new OpsError(
            409,
            'dependency_inactive',
            `"${name}" needs ${off.join(', ')}, which ${off.length > 1 ? 'are' : 'is'} not active: activate ${off.length > 1 ? 'them' : 'it'} first`,
            off.map((d) => ({ path: d, code: 'inactive', message: `The dependency "${d}" is not active` })),
          );
        }
      }
      const actor = actorOf(req);
      await trx('sys_bundles').where({ name }).update({ status });
      // A row in the history also tells the other engine processes to reload their registry.
      await trx('sys_bundle_versions').insert({
        bundle: name,
        version: target.version,
        definition: null,
        checksum: target.checksum,
        operation: status === 'active' ? 'activate' : 'deactivate',
        steps: JSON.stringify([]),
        applied_by: actor.id,
      });
      await appendAudit(trx, actor, deps.clock.now(), [
        {
          action: status === 'active' ? 'designer.activate' : 'designer.deactivate',
          entity: name,
          changes: { status: [target.status, status] },
        },
      ]);
      return true;
    });
    const version = (await readAppliedBundles(db)).get(name)?.version ?? null;
    if (changed) {
      await deps.reload();
      announceMetaChanged(deps.live, name, version ?? '');
    }
    return { bundle: name, version, status, changed };
  };

  r.post(`${BASE}/activate`, async (req, res) => {
    res.json({ data: await setStatus(req, 'active') });
  });

  r.post(`${BASE}/deactivate`, async (req, res) => {
    res.json({ data: await setStatus(req, 'inactive') });
  });

  r.delete(BASE, async (req, res) => {
    const name = checkBundleName(String(req.params.name));
    const body = checkBody<{ confirm: string; purge?: boolean }>(
      req.body,
      objectSchema({ confirm: { type: 'string', maxLength: 64 }, purge: { type: 'boolean' } }, ['confirm']),
    );
    const applied = await readAppliedBundles(db);
    const target = installed(applied, name);
    if (body.confirm !== name) {
      throw new OpsError(409, 'confirmation_required', `Uninstalling needs "confirm": "${name}"`, [
        { path: 'confirm', code: 'mismatch', message: `"confirm" must be the bundle's name, "${name}"` },
      ]);
    }
    refuseDependants(applied, name, false);
    const tables = bundleTables(target.bundle)
      .map((t) => t.name)
      .reverse();
    const actor = actorOf(req);
    const archived = await uninstallBundle(db, target.bundle, tables, {
      purge: !!body.purge,
      by: actor.id,
      actor,
      audit: [
        {
          action: 'designer.delete',
          entity: name,
          changes: { version: [target.version, null], purge: !!body.purge },
          reason: body.purge ? 'tables dropped' : `${tables.length} table(s) archived`,
        },
      ],
    });
    await deps.reload();
    announceMetaChanged(deps.live, name, target.version);
    res.json({ data: { bundle: name, purged: !!body.purge, archived } });
  });

  return r;
}
