import type { Language } from '@opsflux/definitions';
import { Router, type Request, type Response } from 'express';
import Handlebars from 'handlebars';
import { appendAudit } from '../audit/audit-entry.ts';
import { OpsError } from '../errors.ts';
import { UNSUBSCRIBE_PATH } from './mail-queue.ts';
import { recordOptOut } from './mail-optouts.ts';
import { mailSettingsOf } from './mail-settings.ts';
import { verifyUnsubscribeToken } from './unsubscribe-token.ts';

const TEXTS: Record<
  Language,
  {
    title: string;
    ask: (c: string, to: string) => string;
    button: string;
    done: (c: string, to: string) => string;
    invalid: string;
  }
> = {
  en: {
    title: 'Unsubscribe',
    ask: (c, to) => `Stop sending "${c}" e-mails to ${to}?`,
    button: 'Unsubscribe',
    done: (c, to) => `Done: OpsFlux will no longer send "${c}" e-mails to ${to}.`,
    invalid: 'This unsubscribe link is not valid. Use the link of a recent e-mail, or ask your administrator.',
  },
  fr: {
    title: 'Se désabonner',
    ask: (c, to) => `Ne plus envoyer les messages « ${c} » à ${to} ?`,
    button: 'Se désabonner',
    done: (c, to) => `C’est fait : OpsFlux n’enverra plus de messages « ${c} » à ${to}.`,
    invalid:
      'Ce lien de désabonnement n’est pas valable. Utilisez celui d’un message récent, ou demandez à votre administrateur.',
  },
  es: {
    title: 'Darse de baja',
    ask: (c, to) => `¿Dejar de enviar los mensajes «${c}» a ${to}?`,
    button: 'Darse de baja',
    done: (c, to) => `Hecho: OpsFlux ya no enviará mensajes «${c}» a ${to}.`,
    invalid:
      'Este enlace para darse de baja no es válido. Use el de un mensaje reciente o pregunte a su administrador.',
  },
  pt: {
    title: 'Cancelar a subscrição',
    ask: (c, to) => `Deixar de enviar as mensagens «${c}» para ${to}?`,
    button: 'Cancelar a subscrição',
    done: (c, to) => `Feito: o OpsFlux deixará de enviar mensagens «${c}» para ${to}.`,
    invalid:
      'Esta ligação para cancelar a subscrição não é válida. Use a de uma mensagem recente ou pergunte ao seu administrador.',
  },
};

const PAGE = Handlebars.create().compile(`<!doctype html>
<html lang="{{lang}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{title}}</title></head>
<body style="margin:0;padding:48px 12px;background:#f3f4f6;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2933;">
<main style="max-width:480px;margin:0 auto;padding:28px 32px;background:#ffffff;border-radius:6px;">
<h1 style="margin:0 0 16px;font-size:20px;">{{title}}</h1>
<p style="margin:0 0 16px;">{{message}}</p>
{{#if action}}<form method="post" action="{{action}}"><button type="submit" style="padding:10px 18px;background:#1d4ed8;color:#ffffff;border:0;border-radius:4px;font-weight:bold;font-size:15px;cursor:pointer;">{{button}}</button></form>{{/if}}
</main>
</body>
</html>
`);

/** `ada.obi@example.com` → `a***@example.com`: the page confirms who without showing the address to whoever holds the link. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 1 ? '***' : `${address[0]}***${address.slice(at)}`;
}

interface LinkedMail {
  id: string;
  to_address: string;
  user_id: string | null;
  category: string;
  lang: Language;
}

function reply(req: Request, res: Response, status: number, lang: Language, message: string, extra: object = {}) {
  // The token is in the URL: no referrer may carry it elsewhere, no cache may keep the page.
  res.set({
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  });
  if (req.accepts(['json', 'html']) === 'html') {
    const texts = TEXTS[lang];
    res
      .status(status)
      .type('html')
      .send(PAGE({ lang, title: texts.title, message, button: texts.button, ...extra }));
  } else if (status >= 400) {
    const err = new OpsError(status, 'unsubscribe_link_invalid', message);
    res.status(status).json(err.toJSON());
  } else {
    res.status(status).json({ message, ...extra });
  }
}

/**
 * The unsubscribe link of non-transactional mails. GET shows what it will do and asks (mail
 * scanners open links: a GET never unsubscribes); POST records the opt-out, which is also what
 * mail clients send for one-click unsubscribe (RFC 8058, `List-Unsubscribe-Post`). The signed
 * token is the only credential: mounted before authentication, so a signed-in browser's
 * cookies play no part.
 */
export function unsubscribeRoutes(): Router {
  const r = Router();

  async function linked(req: Request, res: Response): Promise<LinkedMail | undefined> {
    const db = res.locals.db;
    const id = verifyUnsubscribeToken(req.query.token, await mailSettingsOf(db).linkKey(db));
    const mail = id
      ? ((await db('sys_mail')
          .where({ id, transactional: false })
          .first('id', 'to_address', 'user_id', 'category', 'lang')) as LinkedMail | undefined)
      : undefined;
    if (!mail) reply(req, res, 400, 'en', TEXTS.en.invalid);
    return mail;
  }

  r.get(UNSUBSCRIBE_PATH, async (req, res) => {
    const mail = await linked(req, res);
    if (!mail) return;
    const to = maskAddress(mail.to_address);
    reply(req, res, 200, mail.lang, TEXTS[mail.lang].ask(mail.category, to), {
      action: `${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(String(req.query.token))}`,
      category: mail.category,
    });
  });

  r.post(UNSUBSCRIBE_PATH, async (req, res) => {
    const mail = await linked(req, res);
    if (!mail) return;
    const now = res.locals.now();
    await res.locals.db.transaction(async (trx) => {
      const recipient = { userId: mail.user_id, address: mail.to_address };
      if (!(await recordOptOut(trx, recipient, mail.category, now))) return;
      await appendAudit(
        trx,
        { id: mail.user_id, name: null, ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null },
        now,
        [
          {
            action: 'mail.unsubscribe',
            entity: 'sys.mail',
            recordId: mail.id,
            changes: { category: mail.category },
            reason: `${maskAddress(mail.to_address)} unsubscribed from "${mail.category}" e-mails`,
          },
        ],
      );
    });
    reply(req, res, 200, mail.lang, TEXTS[mail.lang].done(mail.category, maskAddress(mail.to_address)), {
      category: mail.category,
      unsubscribed: true,
    });
  });

  return r;
}
