import { LANGUAGES, type Language, type TemplateDefinition } from '@opsflux/definitions';
import { Router } from 'express';
import { DRY_RUN_BODY, dryRunAutomation, type DryRunInput } from '../automations/dry-run-automation.ts';
import { readWorkflowHistory } from '../bundles/bundle-store.ts';
import { notFound, OpsError } from '../errors.ts';
import { checkBody, objectSchema } from '../http/check-body.ts';
import { compileTemplate, templateProblems } from '../mail/compile-template.ts';
import { renderTemplate } from '../mail/render-mail.ts';
import { compileRegistry } from '../registry/compile-registry.ts';
import type { BundleAdminDeps } from './admin-deps.ts';
import { invalidDraft, validateDraftFiles } from './draft-check.ts';
import { bundleParam } from './draft-routes.ts';
import { appliedFiles, readDraft } from './draft-store.ts';

const BASE = '/api/v1/admin/bundles/:name/draft';
const DEF_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const PREVIEW_BODY = objectSchema({ data: { type: 'object' }, language: { enum: [...LANGUAGES] } });

/** Trying a draft's pieces before publishing: an automation's dry run, a template's rendering. */
export function draftPreviewRoutes(deps: BundleAdminDeps): Router {
  const r = Router();
  const defName = (value: unknown, what: string) => {
    const name = String(value);
    if (!DEF_NAME.test(name)) throw notFound(`No ${what} "${name.slice(0, 80)}"`);
    return name;
  };
  const filesOf = async (name: string) => {
    const files = (await readDraft(deps.db, name))?.files ?? (await appliedFiles(deps.db, name))?.files;
    if (!files) throw notFound(`No bundle "${name}" is installed or drafted`);
    return files;
  };

  r.post(`${BASE}/automations/:automation/dry-run`, async (req, res) => {
    const name = bundleParam(req);
    const automation = defName(req.params.automation, 'automation');
    const input = checkBody<DryRunInput>(req.body, DRY_RUN_BODY);
    const checked = await validateDraftFiles(deps.db, name, await filesOf(name));
    if (!checked.ok) throw invalidDraft(checked.issues);
    // The registry the draft would give once published: the other active bundles, this one drafted.
    const others = [...checked.installed.values()]
      .filter((a) => a.status === 'active')
      .map((a) => a.bundle)
      .filter((b) => b.manifest.name !== name);
    const registry = compileRegistry([...others, checked.bundle], await readWorkflowHistory(deps.db));
    const a = registry.automations.byKey.get(`${name}.${automation}`);
    if (!a) throw notFound(`The draft of "${name}" has no enabled automation "${automation}"`);
    const ctx = { db: deps.db, registry, log: req.log, principal: res.locals.principal!, now: deps.clock.now() };
    res.json({ data: await dryRunAutomation(deps.automations, ctx, a, input) });
  });

  r.post(`${BASE}/templates/:template/preview`, async (req, res) => {
    const name = bundleParam(req);
    const template = defName(req.params.template, 'template');
    const body = checkBody<{ data?: object; language?: Language }>(req.body, PREVIEW_BODY);
    const files = await filesOf(name);
    const found = [...files].find(
      ([path, content]) => path.startsWith('templates/') && (content as { name?: unknown }).name === template,
    );
    if (!found) throw notFound(`The draft of "${name}" has no template "${template}"`);
    const [file, content] = found;
    const def = content as TemplateDefinition;
    let problems;
    try {
      problems = templateProblems(def);
    } catch {
      throw new OpsError(422, 'template_invalid', `${file} is not a complete template: validate the draft`);
    }
    if (problems.length) {
      throw new OpsError(
        422,
        'template_invalid',
        `${file} has ${problems.length} problem(s)`,
        problems.map((p) => ({ path: `${file}#${p.pointer}`, code: p.code, message: p.message })),
      );
    }
    const lang = body.language ?? 'en';
    const timeZone = res.locals.principal!.timeZone ?? 'UTC';
    try {
      const mail = renderTemplate(compileTemplate(name, def), body.data ?? {}, { lang, timeZone });
      res.json({ data: mail });
    } catch (e) {
      throw new OpsError(
        422,
        'preview_failed',
        `The template cannot be rendered with this data: ${(e as Error).message}`,
        [{ path: 'data', code: 'preview_failed', message: (e as Error).message }],
      );
    }
  });
  return r;
}
