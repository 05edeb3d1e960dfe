import { Alert, Box, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/editors-messages.ts';
import { JsonTextField } from '../common/json-text-field.tsx';
import { evaluate, sampleFromVariables } from './logic-eval.ts';

export interface LogicPreviewProps {
  expression: unknown;
  /** Paths the expression reads; the first sample has each of them, empty. */
  variables?: readonly string[];
  /** A sample to start from instead (e.g. `{ record: {...} }`). */
  sample?: Record<string, unknown>;
}

const show = (v: unknown) => (v === undefined ? 'undefined' : JSON.stringify(v));

/** The expression evaluated live, with json-logic-js, on a sample record the author edits. */
export function LogicPreview(props: LogicPreviewProps) {
  const { t } = useTranslation();
  const [data, setData] = useState<unknown>(() => props.sample ?? sampleFromVariables(props.variables ?? []));
  const result = props.expression === undefined ? null : evaluate(props.expression, data);
  return (
    <Box component="section" aria-label={t('editors.logic.preview')} sx={{ mt: 1 }}>
      <Typography variant="subtitle2" component="p" gutterBottom>
        {t('editors.logic.preview')}
      </Typography>
      <Stack spacing={1}>
        <JsonTextField label={t('editors.logic.sample')} value={data} rows={3} onChange={setData} />
        {result && (
          <Alert severity={result.ok ? 'success' : 'warning'} role="status" aria-label={t('editors.logic.result')}>
            {result.ok
              ? t('editors.logic.resultValue', { value: show(result.value) })
              : result.op
                ? t('editors.logic.engineOnly', { op: result.op })
                : t('editors.logic.evalError', { error: result.error })}
          </Alert>
        )}
      </Stack>
    </Box>
  );
}
