import { Alert, FormControlLabel, Paper, Stack, Switch, Tab, Tabs, TextField } from '@mui/material';
import type { I18nText, Language, TemplateDefinition } from '@opsflux/definitions';
import { useMemo, useState } from 'react';
import { PerLanguageFields } from '../common/per-language-fields.tsx';
import type { DefinitionEditorProps } from '../editor-types.ts';
import { useContentT } from '../i18n/content-editors-messages.ts';
import { TemplatePreview } from './template-preview.tsx';
import { TemplateVariablesHelp } from './template-variables-help.tsx';
import { templateVariables } from './template-variables.ts';

/** The text with `lang` set, or removed when emptied. */
function withLang(text: I18nText | undefined, lang: Language, value: string): I18nText {
  const next: I18nText = { ...text };
  if (value === '') delete next[lang];
  else next[lang] = value;
  return next;
}

/** An e-mail template: subject, body and button per language, tried on sample data. */
export function TemplateEditor(props: DefinitionEditorProps<TemplateDefinition>) {
  const { value, context, readOnly } = props;
  const t = useContentT('template');
  const tc = useContentT('common');
  const [lang, setLang] = useState<Language>(context.languages.includes('en') ? 'en' : context.languages[0]);
  const set = (patch: Partial<TemplateDefinition>) => {
    const next = { ...value, ...patch } as Record<string, unknown>;
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    props.onChange(next as unknown as TemplateDefinition);
  };
  const variables = useMemo(
    () =>
      templateVariables(
        ...context.languages.flatMap((l) => [value.subject?.[l], value.body?.[l], value.button?.label[l]]),
        value.button?.link,
      ),
    [value, context.languages],
  );
  const ro = { input: { readOnly } };
  const missing = (l: Language) => !value.subject?.[l] || !value.body?.[l];

  return (
    <Stack spacing={2} sx={{ p: 2, minWidth: 0 }}>
      {props.issues.length > 0 && (
        <Alert severity="error">
          {props.issues.map((i) => (
            <div key={`${i.pointer}-${i.code}`}>{`${i.pointer || '/'} — ${i.message}`}</div>
          ))}
        </Alert>
      )}
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack spacing={1.5}>
          <PerLanguageFields
            label={t('description')}
            value={value.description}
            onChange={(description) => set({ description })}
            languages={context.languages}
            readOnly={readOnly}
          />
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'center' } }}>
            <TextField
              size="small"
              label={t('category')}
              value={value.category ?? ''}
              onChange={(e) => set({ category: e.target.value })}
              slotProps={ro}
              sx={{ minWidth: 320 }}
            />
            <FormControlLabel
              control={
                <Switch
                  checked={value.transactional === true}
                  disabled={readOnly}
                  onChange={(e) => set({ transactional: e.target.checked })}
                />
              }
              label={t('transactional')}
            />
          </Stack>
        </Stack>
      </Paper>

      <Paper variant="outlined" sx={{ p: 2 }}>
        <Tabs value={lang} onChange={(_, l: Language) => setLang(l)} aria-label={t('language')} sx={{ mb: 2 }}>
          {context.languages.map((l) => (
            <Tab
              key={l}
              value={l}
              id={`template-tab-${l}`}
              aria-controls="template-lang-panel"
              label={missing(l) ? `${tc(`languages.${l}`)} (${t('missing')})` : tc(`languages.${l}`)}
            />
          ))}
        </Tabs>
        <Stack spacing={1.5} role="tabpanel" id="template-lang-panel" aria-labelledby={`template-tab-${lang}`}>
          <TextField
            size="small"
            label={t('subject')}
            value={value.subject?.[lang] ?? ''}
            onChange={(e) => set({ subject: withLang(value.subject, lang, e.target.value) })}
            slotProps={{ ...ro, htmlInput: { lang, maxLength: 300 } }}
          />
          <TextField
            label={t('body')}
            helperText={t('bodyHelp')}
            value={value.body?.[lang] ?? ''}
            onChange={(e) => set({ body: withLang(value.body, lang, e.target.value) })}
            multiline
            minRows={10}
            slotProps={{
              input: { readOnly, sx: { fontFamily: 'monospace', fontSize: 13 } },
              htmlInput: { lang, spellCheck: true },
            }}
          />
          <FormControlLabel
            control={
              <Switch
                checked={!!value.button}
                disabled={readOnly}
                onChange={(e) =>
                  set({ button: e.target.checked ? { label: { [lang]: 'Open' }, link: '{{link}}' } : undefined })
                }
              />
            }
            label={t('button')}
          />
          {value.button && (
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={1}>
              <TextField
                size="small"
                label={t('buttonLabel')}
                value={value.button.label[lang] ?? ''}
                onChange={(e) =>
                  set({ button: { ...value.button!, label: withLang(value.button!.label, lang, e.target.value) } })
                }
                slotProps={{ ...ro, htmlInput: { lang } }}
              />
              <TextField
                size="small"
                fullWidth
                label={t('buttonLink')}
                value={value.button.link}
                onChange={(e) => set({ button: { ...value.button!, link: e.target.value } })}
                slotProps={ro}
              />
            </Stack>
          )}
        </Stack>
      </Paper>

      <Paper variant="outlined" sx={{ p: 2 }}>
        <TemplateVariablesHelp variables={variables} />
      </Paper>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <TemplatePreview
          bundle={context.bundle}
          template={value.name}
          variables={variables}
          languages={context.languages}
        />
      </Paper>
    </Stack>
  );
}
