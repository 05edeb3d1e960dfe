import { Router } from 'express';
import { requireAdmin } from '../identity/admin-routes.ts';
import type { BundleAdminDeps } from './admin-deps.ts';

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
  void deps;
  return r;
}
