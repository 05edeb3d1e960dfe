import type { Language } from '@opsflux/definitions';

/** Lines every authentication e-mail ends with, per language. */
export const COMMON: Record<Language, { linkFallback: string; footer: string }> = {
  en: {
    linkFallback: 'If the button does not work, copy this address into your browser:',
    footer: 'This message was sent automatically by OpsFlux; please do not reply to it.',
  },
  fr: {
    linkFallback: 'Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :',
    footer: 'Ce message a été envoyé automatiquement par OpsFlux ; merci de ne pas y répondre.',
  },
  es: {
    linkFallback: 'Si el botón no funciona, copie esta dirección en su navegador:',
    footer: 'OpsFlux envió este mensaje automáticamente; por favor, no lo responda.',
  },
  pt: {
    linkFallback: 'Se o botão não funcionar, copie este endereço para o seu navegador:',
    footer: 'Esta mensagem foi enviada automaticamente pelo OpsFlux; por favor, não lhe responda.',
  },
};

/**
 * The HTML part: inline styles only (mail clients drop <style> and external CSS), one column,
 * readable without images. Paragraph, list item and fact values arrive already rendered and
 * escaped; everything else is escaped here by Handlebars. Mails a recipient may unsubscribe from
 * end with the link.
 */
export const HTML_LAYOUT = `<!doctype html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{subject}}</title>
</head>
<body style="margin:0;padding:24px 12px;background:#f3f4f6;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2933;">
<div style="max-width:560px;margin:0 auto;padding:28px 32px;background:#ffffff;border-radius:6px;">
{{#each blocks}}
{{#if paragraph}}<p style="margin:0 0 16px;">{{paragraph}}</p>
{{/if}}
{{#if button}}<p style="margin:24px 0;"><a href="{{../link}}" style="display:inline-block;padding:11px 20px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold;">{{button}}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#52606d;">{{../linkFallback}}<br><a href="{{../link}}" style="color:#1d4ed8;word-break:break-all;">{{../link}}</a></p>
{{/if}}
{{#if list}}<ul style="margin:0 0 16px;padding-left:22px;">
{{#each list}}<li style="margin:0 0 4px;">{{this}}</li>
{{/each}}</ul>
{{/if}}
{{#if facts}}<table role="presentation" style="margin:0 0 16px;border-collapse:collapse;">
{{#each facts}}<tr><td style="padding:2px 12px 2px 0;color:#52606d;vertical-align:top;">{{label}}</td><td style="padding:2px 0;">{{value}}</td></tr>
{{/each}}</table>
{{/if}}
{{/each}}
</div>
<p style="max-width:560px;margin:16px auto 0;font-size:12px;color:#7b8794;text-align:center;">{{footer}}{{#if unsubscribe}}<br>{{unsubscribe.reason}} <a href="{{unsubscribe.url}}" style="color:#52606d;">{{unsubscribe.label}}</a>{{/if}}</p>
</body>
</html>
`;
