import { Router, type Request } from 'express';
import { dryRunPlan } from '../schema/apply-plan.ts';
import { planBundle } from '../bundles/bundle-service.ts';
import { notFound } from '../errors.ts';
import { checkBody, objectSchema } from '../http/check-body.ts';
import type { BundleAdminDeps } from './admin-deps.ts';
import { planView, validateDraftFiles } from './draft-check.ts';
import { appliedFiles, readDraft } from './draft-store.ts';
import { bundleParam } from './draft-routes.ts';
import { announceMetaChanged } from './meta-changed.ts';
import { publishDraft } from './publish-draft.ts';
import { actorOf } from './request-actor.ts';

const PUBLISH_BODY = objectSchema(
  { revision: { type: 'integer', minimum: 0, maximum: 2147483647 }, confirm: { type: 'string', maxLength: 100 } },
  ['revision'],
);

const BASE = '/api/v1/admin/bundles/:name/draft';

/** Checking a draft (validate, plan with a dry run) and publishing it. */
export function draftCheckRoutes(deps: BundleAdminDeps): Router {
  const r = Router();

  /** The draft's files, or the applied ones when no draft exists (validating them is harmless). */
  const filesOf = async (req: Request) => {
    const name = bundleParam(req);
    const draft = await readDraft(deps.db, name);
    const files = draft?.files ?? (await appliedFiles(deps.db, name))?.files;
    if (!files) throw notFound(`No bundle "${name}" is installed or drafted`);
    return { name, files };
  };

  r.post(`${BASE}/validate`, async (req, res) => {
    const { name, files } = await filesOf(req);
    const checked = await validateDraftFiles(deps.db, name, files);
    res.json({ data: { ok: checked.ok, issues: checked.issues } });
  });

  r.post(`${BASE}/plan`, async (req, res) => {
    const { name, files } = await filesOf(req);
    const checked = await validateDraftFiles(deps.db, name, files);
    if (!checked.ok) return void res.json({ data: { ok: false, issues: checked.issues, plan: null, problems: [] } });
    const plan = await planBundle(deps.db, checked.publish, checked.installed);
    const problems = plan.noop ? [] : await dryRunPlan(deps.db, checked.publish, plan);
    res.json({ data: { ok: problems.length === 0, issues: [], plan: planView(plan), problems } });
  });

  r.post(`${BASE}/publish`, async (req, res) => {
    const name = bundleParam(req);
    const body = checkBody<{ revision: number; confirm?: string }>(req.body, PUBLISH_BODY);
    const result = await publishDraft(deps.db, {
      bundle: name,
      revision: body.revision,
      ...(body.confirm !== undefined && { confirm: body.confirm }),
      actor: actorOf(req),
      now: deps.clock.now(),
      log: req.log,
    });
    if (!result.plan.noop) await deps.reload();
    announceMetaChanged(deps.live, name, result.version);
    res.json({ data: { version: result.version, plan: planView(result.plan) } });
  });
  return r;
}
