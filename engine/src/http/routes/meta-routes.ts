import { createRequire } from 'node:module';
import path from 'node:path';
import express, { Router } from 'express';
import { notFound } from '../../errors.ts';
import { entityUiMeta } from '../../ui-meta/entity-ui-meta.ts';
import { openApiDocument } from '../openapi.ts';
import { requestLanguage } from '../request-context.ts';

const swaggerDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>OpsFlux API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

/** Bundles and entities for the apps, the OpenAPI document and its docs page. */
export function metaRoutes(): Router {
  const r = Router();
  r.get('/api/v1/meta/bundles', (_req, res) => {
    const reg = res.locals.registry;
    res.json({
      data: [...reg.bundles.values()].map((b) => ({
        name: b.manifest.name,
        version: b.manifest.version,
        title: b.manifest.title,
        description: b.manifest.description ?? null,
        dependencies: b.manifest.dependencies ?? {},
        entities: b.entities.map((e) => ({ name: e.name, label: e.label, pluralLabel: e.pluralLabel })),
      })),
    });
  });
  r.get('/api/v1/meta/entities/:bundle/:entity', (req, res) => {
    const e = res.locals.registry.entity(req.params.bundle, req.params.entity);
    if (!e) throw notFound(`There is no entity "${req.params.entity}" in bundle "${req.params.bundle}"`);
    res.json({
      data: {
        bundle: e.bundle,
        name: e.name,
        definition: e.def,
        schema: e.recordSchema,
        inputSchema: e.inputSchema,
        ...entityUiMeta(e, res.locals.registry, requestLanguage(req)),
      },
    });
  });
  r.get('/api/openapi.json', (_req, res) => res.json(openApiDocument(res.locals.registry)));
  r.get('/api/docs', (_req, res) => res.type('html').send(DOCS_PAGE));
  r.get('/api/docs/init.js', (_req, res) =>
    res.type('js').send(`window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui', deepLinking: true });`),
  );
  r.use('/api/docs/assets', express.static(swaggerDir, { index: false }));
  return r;
}
