import type { Response } from 'express';
import type { Principal } from '../access/principal.ts';
import { requirePrincipal } from '../auth/authenticate.ts';
import { OpsError } from '../errors.ts';

/** The signed-in user whose items these are; the engine itself has none. */
export function me(res: Response): Principal & { userId: string } {
  const p = requirePrincipal(res);
  if (!p.userId) throw new OpsError(403, 'forbidden', 'Only a user has preferences, bookmarks and saved filters');
  return p as Principal & { userId: string };
}

/** The same, for a change: a read-only API key changes nothing. */
export function meWriting(res: Response): Principal & { userId: string } {
  const p = me(res);
  if (p.apiKeyScope === 'read')
    throw new OpsError(403, 'api_key_read_only', 'This API key is read-only: it cannot change your items');
  return p;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
