import { LANGUAGES, type Language } from '@opsflux/definitions';
import type { Request, Response } from 'express';
import type { RequestContext } from '../data/request-context.ts';
import { unauthenticated } from '../auth/authenticate.ts';

/** The language of the answer: the best of fr, en, es, pt the client accepts, else English. */
export function requestLanguage(req: Request): Language {
  // English first: without an Accept-Language header (or with *), the first offer wins.
  const wanted = req.acceptsLanguages('en', ...LANGUAGES.filter((l) => l !== 'en'));
  return (wanted || 'en') as Language;
}

/** The context of one request, taken once: the registry snapshot stays fixed until it ends. */
export function requestContext(req: Request, res: Response): RequestContext {
  const principal = res.locals.principal;
  const access = res.locals.access;
  if (!principal || !access) throw unauthenticated();
  return {
    db: res.locals.db,
    registry: res.locals.registry,
    log: req.log,
    actor: principal.userId,
    principal,
    access,
    now: res.locals.now,
    lang: requestLanguage(req),
    client: { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null },
  };
}
