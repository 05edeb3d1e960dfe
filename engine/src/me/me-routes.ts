import { Router } from 'express';
import { bookmarkRoutes } from './bookmark-routes.ts';
import { preferencesRoutes } from './preferences-routes.ts';
import { savedFilterRoutes } from './saved-filter-routes.ts';

/** `/api/v1/me/*`: what each user keeps for themselves. Only its owner changes an item. */
export function meRoutes(): Router {
  const r = Router();
  r.use(preferencesRoutes());
  r.use(bookmarkRoutes());
  r.use(savedFilterRoutes());
  return r;
}
