import type { TemplateDefinition } from '@opsflux/definitions';
import { describe, expect, it } from 'vitest';
import {
  compileTemplate,
  MAIL_TEMPLATE_OPTIONS,
  mailHandlebars,
  templateProblems,
  templateSourceProblem,
} from './compile-template.ts';
import { renderRaw, renderTemplate } from './render-mail.ts';

const EVIL = '<script>alert("x")</script>';

const template = (over: Partial<TemplateDefinition> = {}): TemplateDefinition => ({
  name: 'notice',
  category: 'alert',
  transactional: false,
  subject: { en: 'About {{thing}}', fr: 'À propos de {{thing}}' },
  body: {
    en: 'Hello {{name}},\n\n{{thing}} changed.\nSee below.\n\n- one\n- {{thing}}',
    fr: 'Bonjour {{name}},\n\n{{thing}} a changé.',
  },
  button: { label: { en: 'Open {{thing}}' }, link: '{{link}}' },
  ...over,
});

const ctx = { lang: 'en' as const, timeZone: 'UTC' };

describe('what a template may say', () => {
  it.each([
    ['{{{name}}}', /unescaped output/],
    ['{{& name}}', /unescaped output/],
    ['{{> footer}}', /partials and decorators/],
    ['{{#> layout}}x{{/layout}}', /partials and decorators/],
    ['{{constructor.name}}', /reads "constructor", which is not data/],
    ['{{a.__proto__.b}}', /reads "__proto__"/],
    ['{{#with constructor}}{{name}}{{/with}}', /reads "constructor"/],
    ['{{lookup this "constructor"}}', /"lookup" is not a helper mail templates know/],
    ['{{log "x"}}', /"log" is not a helper/],
    ['{{upper name}}', /"upper" is not a helper mail templates know: use date or number/],
    ['{{date (upper at)}}', /"upper" is not a helper/],
    ['{{#if x}}unclosed', /does not parse/],
  ])('refuses %s', (source, problem) => {
    expect(templateSourceProblem(source)).toMatch(problem);
  });

  it.each([
    'Hello {{name}}',
    '{{#each items}}- {{title}} {{date since "day"}}\n{{/each}}',
    '{{number total 2}}',
    '{{#if a}}{{b.c}}{{else}}none{{/if}}',
  ])('accepts %s', (source) => expect(templateSourceProblem(source)).toBeUndefined());

  it('needs English, and the same languages in subject and body', () => {
    expect(
      templateProblems(template({ subject: { fr: 'Sujet' }, body: { fr: 'Corps' }, button: undefined })).map(
        (p) => p.code,
      ),
    ).toEqual(['template.english', 'template.english']);
    expect(templateProblems(template({ subject: { en: 'Subject' } }))).toEqual([
      {
        pointer: '/subject',
        code: 'template.languages',
        message: 'The subject is written in en but the body in fr, en: give both the same languages',
      },
    ]);
    expect(templateProblems(template({ body: { en: 'Hi {{{name}}}', fr: 'Salut' } }))).toEqual([
      { pointer: '/body/en', code: 'template.handlebars', message: expect.stringMatching(/unescaped output/) },
    ]);
  });

  it('even without the checks, Handlebars reads no prototype property', () => {
    const run = (source: string) => mailHandlebars.compile(source, MAIL_TEMPLATE_OPTIONS)({ a: {} });
    expect(run('[{{__proto__}}][{{constructor}}][{{a.__defineGetter__}}]')).toBe('[][][]');
    expect(run('{{#with constructor}}[{{name}}]{{/with}}')).toBe('');
    // Strict mode: reading a property of what the guard hid is an error, not "Object".
    expect(() => run('{{constructor.name}}')).toThrow(/"name" not defined/);
  });
});

describe('rendering', () => {
  const compiled = compileTemplate('crm', template());

  it('draws a text part and an escaped HTML part from one body', () => {
    const mail = renderTemplate(
      compiled,
      { name: EVIL, thing: 'Pump & valve', link: 'https://ops.test/x?a=1&b=2' },
      ctx,
    );
    expect(mail.subject).toBe('About Pump & valve');
    expect(mail.text).toBe(
      [
        `Hello ${EVIL},`,
        'Pump & valve changed.\nSee below.',
        '- one\n- Pump & valve',
        'Open Pump & valve: https://ops.test/x?a=1&b=2',
        '-- \nThis message was sent automatically by OpsFlux; please do not reply to it.\n',
      ].join('\n\n'),
    );
    expect(mail.html).not.toContain('<script');
    expect(mail.html).toContain('Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;,</p>');
    expect(mail.html).toContain('Pump &amp; valve changed.<br>See below.</p>');
    expect(mail.html).toMatch(/<ul[^>]*>\s*<li[^>]*>one<\/li>\s*<li[^>]*>Pump &amp; valve<\/li>\s*<\/ul>/);
    expect(mail.html).toContain('href="https://ops.test/x?a&#x3D;1&amp;b&#x3D;2"');
    expect(mail.html).toContain('<title>About Pump &amp; valve</title>');
  });

  it('writes in the reader language, in English when the template lacks it', () => {
    const data = { name: 'Zoé', thing: 'X', link: 'https://ops.test' };
    expect(renderTemplate(compiled, data, { ...ctx, lang: 'fr' })).toMatchObject({
      lang: 'fr',
      subject: 'À propos de X',
    });
    // The button label has no French: English, in a French mail.
    expect(renderTemplate(compiled, data, { ...ctx, lang: 'fr' }).text).toContain('Open X: https://ops.test');
    expect(renderTemplate(compiled, data, { ...ctx, lang: 'pt' })).toMatchObject({ lang: 'en', subject: 'About X' });
  });

  it('refuses a missing variable and a link that is not a web address', () => {
    expect(() => renderTemplate(compiled, { thing: 'X', link: 'https://ops.test' }, ctx)).toThrow(
      /Mail template "crm.notice" \(en\): "name" not defined/,
    );
    expect(() => renderTemplate(compiled, { name: 'A', thing: 'X', link: 'javascript:alert(1)' }, ctx)).toThrow(
      /is not an http\(s\) address/,
    );
  });

  it('formats dates and numbers in the reader language and time zone', () => {
    const t = compileTemplate(
      'crm',
      template({
        subject: { en: 's', fr: 's' },
        body: {
          en: '{{date at}} / {{date at "day"}} / {{number n}} / {{number n 2}}',
          fr: '{{date at}} / {{number n 2}}',
        },
        button: undefined,
      }),
    );
    const data = { at: '2026-03-01T23:30:00Z', n: 12345.5 };
    expect(renderTemplate(t, data, ctx).text).toMatch(
      /^1 March 2026 at 23:30 UTC \/ 1 March 2026 \/ 12,345\.5 \/ 12,345\.50/,
    );
    expect(renderTemplate(t, data, { lang: 'fr', timeZone: 'Africa/Lagos' }).text).toMatch(
      /^2 mars 2026 à 00:30 UTC\+1 \/ 12\s345,50/,
    );
    expect(() => renderTemplate(t, { at: 'soon', n: 1 }, ctx)).toThrow(/"soon" is not a date/);
  });

  it('ends mails a reader may stop with an unsubscribe link', () => {
    const unsubscribe = { url: 'https://ops.test/api/v1/mail/unsubscribe?token=ofu_x', category: 'alert' };
    const mail = renderTemplate(compiled, { name: 'A', thing: 'X', link: 'https://ops.test' }, { ...ctx, unsubscribe });
    expect(mail.text).toContain(
      'You receive this e-mail because you get "alert" messages from OpsFlux.\nUnsubscribe: https://ops.test/api/v1/mail/unsubscribe?token=ofu_x',
    );
    expect(mail.html).toContain(
      '<a href="https://ops.test/api/v1/mail/unsubscribe?token&#x3D;ofu_x" style="color:#52606d;">Unsubscribe</a>',
    );
  });

  it('puts a raw mail in the layout, or keeps its own HTML', () => {
    const raw = renderRaw({ subject: 'Report\nready', text: `Line ${EVIL}\n\nSecond` }, ctx);
    expect(raw.subject).toBe('Report ready');
    expect(raw.html).toContain('Line &lt;script&gt;');
    expect(raw.text).toMatch(/^Line <script>alert\("x"\)<\/script>\n\nSecond\n\n-- \n/);
    const own = renderRaw(
      { subject: 's', text: 't', html: '<html><body><p>Mine</p></body></html>' },
      { ...ctx, unsubscribe: { url: 'https://ops.test/u', category: 'digest' } },
    );
    expect(own.html).toMatch(
      /<p>Mine<\/p><p [^>]*>You receive .* <a href="https:\/\/ops.test\/u">Unsubscribe<\/a><\/p>\n<\/body>/,
    );
  });
});
