import { Router } from 'express';
import { requireAdmin } from '../identity/admin-routes.ts';
import type { BundleAdminDeps } from './admin-deps.ts';
import { bundleListRoutes } from './bundle-list-routes.ts';
import { draftCheckRoutes } from './draft-check-routes.ts';
import { draftPreviewRoutes } from './draft-preview-routes.ts';
import { draftRoutes } from './draft-routes.ts';
import { exportRoutes } from './export-routes.ts';
import { importRoutes } from './import-routes.ts';
import { lifecycleRoutes } from './lifecycle-routes.ts';
import { versionRoutes } from './version-routes.ts';

/**
 * Every route of the designer's bundle administration (docs/designer-api.md), for
 * administrators only. Each module adds its router here.
 */
export function bundleAdminRoutes(deps: BundleAdminDeps): Router {
  const r = Router();
  r.use('/api/v1/admin/bundles', (_req, res, next) => {
    requireAdmin(res);
    next();
  });
  r.use(bundleListRoutes(deps));
  r.use(draftRoutes(deps));
  r.use(draftCheckRoutes(deps));
  r.use(draftPreviewRoutes(deps));
  r.use(importRoutes(deps));
  r.use(exportRoutes(deps));
  r.use(versionRoutes(deps));
  r.use(lifecycleRoutes(deps));
  return r;
}
