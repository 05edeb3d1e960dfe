import { Router, type Request } from 'express';
import { notFound } from '../errors.ts';
import { checkBody, objectSchema } from '../http/check-body.ts';
import type { BundleAdminDeps } from './admin-deps.ts';
import { checkBundleName, checkContent, checkPath } from './draft-paths.ts';
import { appliedFiles, changeDraft, discardDraft, readDraft, type DraftChange } from './draft-store.ts';
import { appliedView, draftView } from './draft-view.ts';
import { actorOf } from './request-actor.ts';

const REVISION = { type: 'integer', minimum: 0, maximum: 2147483647 };
const PUT_BODY = objectSchema({ revision: REVISION, content: {} }, ['revision', 'content']);
const DELETE_BODY = objectSchema({ revision: REVISION }, ['revision']);
const RENAME_BODY = objectSchema({ revision: REVISION, from: { type: 'string' }, to: { type: 'string' } }, [
  'revision',
  'from',
  'to',
]);

const BASE = '/api/v1/admin/bundles/:name/draft';

/** The bundle name of the URL. */
export const bundleParam = (req: Request) => checkBundleName(String(req.params.name));

/** The file path of `…/files/*path`, segments joined (a path sent encoded as one segment works too). */
function fileParam(req: Request): string {
  const raw = (req.params as Record<string, unknown>).path;
  return checkPath(Array.isArray(raw) ? raw.join('/') : raw, 'path');
}

/** Reading and editing a bundle's draft, one file at a time (docs/designer-api.md, Drafts). */
export function draftRoutes(deps: BundleAdminDeps): Router {
  const r = Router();
  const change = async (req: Request, revision: number, c: DraftChange) =>
    changeDraft(deps.db, { bundle: bundleParam(req), revision, change: c, actor: actorOf(req), now: deps.clock.now() });

  r.get(BASE, async (req, res) => {
    const name = bundleParam(req);
    const draft = await readDraft(deps.db, name);
    if (draft) return void res.json({ data: draftView(draft) });
    const applied = await appliedFiles(deps.db, name);
    if (!applied) throw notFound(`No bundle "${name}" is installed or drafted`);
    res.json({ data: appliedView(name, applied) });
  });

  r.put(`${BASE}/files/*path`, async (req, res) => {
    const path = fileParam(req);
    const body = checkBody<{ revision: number; content: object }>(req.body, PUT_BODY);
    checkContent(body.content);
    res.json({ data: await change(req, body.revision, { kind: 'put', path, content: body.content }) });
  });

  r.delete(`${BASE}/files/*path`, async (req, res) => {
    const path = fileParam(req);
    const body = checkBody<{ revision: number }>(req.body, DELETE_BODY);
    res.json({ data: await change(req, body.revision, { kind: 'delete', path }) });
  });

  r.post(`${BASE}/rename`, async (req, res) => {
    const body = checkBody<{ revision: number; from: string; to: string }>(req.body, RENAME_BODY);
    const from = checkPath(body.from, 'from');
    const to = checkPath(body.to, 'to');
    res.json({ data: await change(req, body.revision, { kind: 'rename', from, to }) });
  });

  r.delete(BASE, async (req, res) => {
    const name = bundleParam(req);
    const removed = await discardDraft(deps.db, { bundle: name, actor: actorOf(req), now: deps.clock.now() });
    if (!removed) throw notFound(`The bundle "${name}" has no draft`);
    res.json({ data: { discarded: true } });
  });
  return r;
}
