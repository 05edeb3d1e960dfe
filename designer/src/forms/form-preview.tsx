import { Alert, Box, Paper, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { JsonForms } from '@jsonforms/react';
import { cells, renderers } from '@opsflux/runtime-ui/form-renderers';
import { LANGUAGES, type AnyFormElement, type EntityDefinition, type Language } from '@opsflux/definitions';
import { Component, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { sampleRecord } from '../common/sample-record.ts';
import { previewForm } from './preview-schema.ts';

interface FormPreviewProps {
  entity: EntityDefinition;
  bundle: string;
  layout: AnyFormElement;
}

/** A layout JSON Forms cannot draw shows its error instead of breaking the editor. */
class PreviewBoundary extends Component<
  { children: ReactNode; message: string; resetKey: string },
  { error: string | null; key: string }
> {
  override state = { error: null as string | null, key: this.props.resetKey };
  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  static getDerivedStateFromProps(props: { resetKey: string }, state: { key: string }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }
  override render() {
    return this.state.error ? (
      <Alert severity="error">{`${this.props.message}: ${this.state.error}`}</Alert>
    ) : (
      this.props.children
    );
  }
}

/**
 * The form as users will see it, drawn by the runtime UI's own JSON Forms renderers on a sample
 * record, in the language picked here. Rules apply live as the sample changes.
 */
export function FormPreview({ entity, bundle, layout }: FormPreviewProps) {
  const { t } = useTranslation();
  const [lang, setLang] = useState<Language>('en');
  const [data, setData] = useState<Record<string, unknown>>(() => sampleRecord(entity.fields));
  const texts = { computed: t('editors.form.previewComputed'), assignedOnSave: t('editors.form.previewAssigned') };
  const preview = useMemo(() => previewForm(entity, bundle, layout, lang, texts), [entity, bundle, layout, lang]);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label={t('editors.form.preview')}>
      <Stack direction="row" sx={{ alignItems: 'center', mb: 2 }}>
        <Typography variant="h6" component="h3" sx={{ flex: 1 }}>
          {t('editors.form.preview')}
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={lang}
          aria-label={t('editors.form.previewLanguage')}
          onChange={(_, l: Language | null) => l && setLang(l)}
        >
          {LANGUAGES.map((l) => (
            <ToggleButton
              key={l}
              value={l}
              aria-label={`${l.toUpperCase()} (${t(`editors.common.languages.${l}`)})`}
              lang={l}
            >
              {l.toUpperCase()}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Stack>
      <Box lang={lang}>
        {preview.uischema ? (
          <PreviewBoundary message={t('editors.form.previewError')} resetKey={JSON.stringify(layout) + lang}>
            <JsonForms
              schema={preview.schema}
              uischema={preview.uischema as never}
              data={data}
              renderers={renderers}
              cells={cells}
              i18n={{ locale: lang }}
              validationMode="ValidateAndShow"
              onChange={({ data: next }) => setData(next as Record<string, unknown>)}
            />
          </PreviewBoundary>
        ) : (
          <Alert severity="info">{t('editors.form.previewEmpty')}</Alert>
        )}
      </Box>
    </Paper>
  );
}
