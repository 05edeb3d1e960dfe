import { i18nTextSchema, pickText, type BundleManifest, type I18nText } from '@opsflux/definitions';
import { Router } from 'express';
import semver from 'semver';
import { readAppliedBundles } from '../bundles/bundle-store.ts';
import { invalid } from '../errors.ts';
import { checkBody, objectSchema } from '../http/check-body.ts';
import type { BundleAdminDeps } from './admin-deps.ts';
import { checkBundleName } from './draft-paths.ts';
import { createBundleDraft, readDraft, readDraftHeads, type DraftHead } from './draft-store.ts';
import { actorOf, readerLanguage } from './request-actor.ts';
import { draftView } from './draft-view.ts';

const I18N = {
  type: 'object',
  properties: i18nTextSchema.properties,
  additionalProperties: false,
  minProperties: 1,
};
const NAME = { type: 'string', pattern: '^[a-z][a-z0-9]*$', maxLength: 20 };
const CREATE_BODY = objectSchema(
  {
    name: NAME,
    title: I18N,
    description: I18N,
    dependencies: {
      type: 'object',
      propertyNames: NAME,
      additionalProperties: { type: 'string', minLength: 1, maxLength: 100 },
      maxProperties: 50,
    },
  },
  ['name', 'title'],
);

const draftSummary = (d: DraftHead | undefined) =>
  d ? { revision: d.revision, updatedAt: d.updatedAt, updatedBy: d.updatedBy, updatedByName: d.updatedByName } : null;

/** The list of bundles for the designer, and the start of a new one (as a draft). */
export function bundleListRoutes(deps: BundleAdminDeps): Router {
  const r = Router();

  r.get('/api/v1/admin/bundles', async (req, res) => {
    const lang = readerLanguage(req);
    const applied = await readAppliedBundles(deps.db);
    const drafts = await readDraftHeads(deps.db);
    const depsOf = (m: BundleManifest) => m.dependencies ?? {};
    const dependants = (name: string) =>
      [...applied.values()].filter((a) => name in depsOf(a.bundle.manifest)).map((a) => a.bundle.manifest.name);
    const installed = [...applied.values()].map((a) => ({
      name: a.bundle.manifest.name,
      title: pickText(a.bundle.manifest.title, lang),
      version: a.version,
      status: a.status,
      dependencies: depsOf(a.bundle.manifest),
      dependants: dependants(a.bundle.manifest.name),
      appliedAt: a.appliedAt,
      appliedBy: a.appliedBy,
      draft: draftSummary(drafts.get(a.bundle.manifest.name)),
    }));
    // Bundles started in the designer and never published: their bundle.json says the rest.
    const fresh = await Promise.all(
      [...drafts.keys()]
        .filter((n) => !applied.has(n))
        .map(async (n) => {
          const draft = await readDraft(deps.db, n);
          const m = (draft?.files.get('bundle.json') ?? {}) as Partial<BundleManifest>;
          return {
            name: n,
            title: pickText(m.title, lang) || n,
            version: typeof m.version === 'string' ? m.version : null,
            status: 'draft',
            dependencies: m.dependencies ?? {},
            dependants: dependants(n),
            appliedAt: null,
            appliedBy: null,
            draft: draftSummary(drafts.get(n)),
          };
        }),
    );
    res.json({ data: [...installed, ...fresh].sort((a, b) => a.name.localeCompare(b.name)) });
  });

  r.post('/api/v1/admin/bundles', async (req, res) => {
    // A title in one text is the English one.
    const raw = req.body as { title?: unknown } | undefined;
    const given =
      raw && typeof raw === 'object' && typeof raw.title === 'string' ? { ...raw, title: { en: raw.title } } : raw;
    const body = checkBody<{
      name: string;
      title: I18nText;
      description?: I18nText;
      dependencies?: Record<string, string>;
    }>(given, CREATE_BODY);
    checkBundleName(body.name);
    const badRange = Object.entries(body.dependencies ?? {}).filter(([, range]) => !semver.validRange(range));
    if (badRange.length) {
      throw invalid(
        badRange.map(([dep, range]) => ({
          path: `dependencies.${dep}`,
          code: 'range',
          message: `"${range}" is not a version range (e.g. ^1.0.0)`,
        })),
      );
    }
    const manifest: BundleManifest = {
      name: body.name,
      version: '0.1.0',
      title: body.title,
      ...(body.description && { description: body.description }),
      dependencies: body.dependencies ?? {},
    };
    await createBundleDraft(deps.db, { bundle: body.name, manifest, actor: actorOf(req), now: deps.clock.now() });
    res.status(201).json({ data: draftView((await readDraft(deps.db, body.name))!) });
  });
  return r;
}
