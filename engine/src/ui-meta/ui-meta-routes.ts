import { pickText } from '@opsflux/definitions';
import { Router } from 'express';
import { requirePrincipal } from '../auth/authenticate.ts';
import { notFound, OpsError } from '../errors.ts';
import { requestLanguage } from '../http/request-context.ts';
import { resolveMenus } from './resolve-menus.ts';
import { resolveView } from './resolve-view.ts';

/**
 * What the apps draw themselves from, per user and language: the menus they may use, the views
 * and forms behind them, one view by key. docs/ui-meta.md describes the shapes.
 */
export function uiMetaRoutes(): Router {
  const r = Router();

  r.get('/api/v1/meta/ui', (req, res) => {
    requirePrincipal(res);
    const access = res.locals.access!;
    const registry = res.locals.registry;
    const lang = requestLanguage(req);
    const views = [...registry.ui.views.values()].flatMap((v) => {
      const entity = registry.entities.get(v.entity);
      if (!entity || !access.can('read', entity)) return [];
      return [
        {
          key: v.key,
          bundle: v.bundle,
          name: v.name,
          entity: v.entity,
          label: pickText(v.def.label, lang),
          type: v.def.type,
        },
      ];
    });
    const forms = [...registry.ui.forms.values()].flatMap((f) => {
      const entity = registry.entities.get(f.entity);
      if (!entity) return [];
      const create = access.can('create', entity);
      const update = access.can('update', entity);
      if (!create && !update) return [];
      const label = pickText(f.def.label ?? entity.def.label, lang);
      return [
        {
          key: f.key,
          bundle: f.bundle,
          name: f.name,
          entity: f.entity,
          label,
          wizard: f.def.wizard === true,
          create,
          update,
        },
      ];
    });
    res.json({ data: { language: lang, menus: resolveMenus(registry, access, lang), views, forms } });
  });

  r.get('/api/v1/meta/views/:bundle/:view', (req, res) => {
    requirePrincipal(res);
    const registry = res.locals.registry;
    const view = registry.ui.views.get(`${req.params.bundle}.${req.params.view}`);
    const entity = view && registry.entities.get(view.entity);
    if (!view || !entity) throw notFound(`There is no view "${req.params.view}" in bundle "${req.params.bundle}"`);
    if (!res.locals.access!.can('read', entity))
      throw new OpsError(
        403,
        'forbidden',
        `You may not read ${pickText(entity.def.pluralLabel)}, so this view is not yours to open`,
      );
    res.json({ data: resolveView(view, entity, requestLanguage(req)) });
  });

  return r;
}
