import { Alert, Box, Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import type { Language } from '@opsflux/definitions';
import { useApi } from '@opsflux/runtime-ui/api-context';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { bundlePath, unwrap } from '../api/designer-api.ts';
import { JsonTextField } from '../common/json-text-field.tsx';
import { errorMessage } from '../components/error-message.ts';
import { useContentT } from '../i18n/content-editors-messages.ts';
import { useDesignerT } from '../i18n/i18n.ts';
import { sampleData } from './template-variables.ts';

interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  lang: Language;
}

interface TemplatePreviewProps {
  bundle: string;
  template: string;
  variables: readonly string[];
  languages: readonly Language[];
}

/**
 * The saved draft's template rendered by the engine on sample data. The HTML is shown in an
 * iframe with an empty sandbox: no script, no form, no navigation, no same-origin access.
 */
export function TemplatePreview({ bundle, template, variables, languages }: TemplatePreviewProps) {
  const t = useContentT('template');
  const tc = useContentT('common');
  const td = useDesignerT();
  const api = useApi();
  const [language, setLanguage] = useState<Language>(languages.includes('en') ? 'en' : languages[0]!);
  const [data, setData] = useState<unknown>(() => sampleData(variables));
  const render = useMutation({
    mutationFn: async () =>
      unwrap<RenderedMail>(
        await api.post(`${bundlePath(bundle)}/draft/templates/${encodeURIComponent(template)}/preview`, {
          data,
          language,
        }),
      ),
  });

  return (
    <Stack component="section" aria-labelledby="template-preview-title" spacing={1.5}>
      <Typography id="template-preview-title" variant="subtitle1" component="h3">
        {t('preview')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('previewHelp')}
      </Typography>
      <JsonTextField
        label={t('sample')}
        value={data}
        onChange={setData}
        check={(v) => (v && typeof v === 'object' && !Array.isArray(v) ? null : t('sample'))}
        rows={6}
      />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Button onClick={() => setData(sampleData(variables))}>{t('fillSample')}</Button>
        <TextField
          select
          size="small"
          label={t('language')}
          value={language}
          onChange={(e) => setLanguage(e.target.value as Language)}
          sx={{ minWidth: 160 }}
        >
          {languages.map((l) => (
            <MenuItem key={l} value={l}>
              {tc(`languages.${l}`)}
            </MenuItem>
          ))}
        </TextField>
        <Button
          variant="contained"
          onClick={() => render.mutate()}
          disabled={render.isPending || !data || typeof data !== 'object'}
        >
          {t('render')}
        </Button>
      </Stack>
      {render.isError && <Alert severity="error">{errorMessage(render.error, td)}</Alert>}
      {render.data && (
        <Stack spacing={1} aria-live="polite">
          <Typography variant="caption" color="text.secondary">
            {t('renderedIn', { lang: tc(`languages.${render.data.lang}`) })}
          </Typography>
          <Typography variant="subtitle2" component="p">{`${t('subject')}: ${render.data.subject}`}</Typography>
          <Typography variant="subtitle2" component="p">
            {t('htmlPart')}
          </Typography>
          <Box
            component="iframe"
            title={t('frameTitle')}
            sandbox=""
            srcDoc={render.data.html}
            sx={{ width: '100%', height: 420, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: '#fff' }}
          />
          <Typography variant="subtitle2" component="p">
            {t('textPart')}
          </Typography>
          <Box
            component="pre"
            sx={{ whiteSpace: 'pre-wrap', fontSize: 13, m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1 }}
          >
            {render.data.text}
          </Box>
        </Stack>
      )}
    </Stack>
  );
}
