import type { Language } from '@opsflux/definitions';
import type { Request } from 'express';
import type { AuditActor } from '../audit/audit-entry.ts';

/** Who makes this request, as audit entries name them. */
export function actorOf(req: Request): AuditActor {
  const p = req.res!.locals.principal!;
  return { id: p.userId, name: p.name, ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
}

/** The reader's language among those OpsFlux ships; English when none is accepted. */
export function readerLanguage(req: Request): Language {
  return (req.acceptsLanguages('en', 'fr', 'es', 'pt') || 'en') as Language;
}
