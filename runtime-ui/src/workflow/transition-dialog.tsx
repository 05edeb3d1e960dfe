import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { JsonForms } from '@jsonforms/react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/api-error.ts';
import type { ApiRecord, TransitionOption } from '../api/api-types.ts';
import { useLanguage } from '../i18n/use-language.ts';
import type { EntityModel } from '../model/entity-model.ts';
import { buildSchema, changedValues, formData, type JsonSchema } from '../records/form-schema.ts';
import { cells, renderers } from '../records/renderers/index.ts';
import { placeErrors } from '../records/server-errors.ts';
import { useFireTransition } from './use-workflow.ts';

interface TransitionDialogProps {
  model: EntityModel;
  record: ApiRecord;
  transition: TransitionOption;
  onClose: (fired?: ApiRecord) => void;
}

/** Only the fields a transition needs, as required fields of a small form. */
function requiredFieldsSchema(model: EntityModel, names: string[]): JsonSchema {
  const full = buildSchema(model, { mode: 'edit', texts: { computed: '', assignedOnSave: '' } });
  const props = (full.properties ?? {}) as Record<string, JsonSchema>;
  const kept = names.filter((n) => props[n] && !props[n].readOnly);
  return { type: 'object', properties: Object.fromEntries(kept.map((n) => [n, props[n]])), required: kept };
}

/** Confirms a transition, with the comment and the fields it asks for; the engine's refusal shows here. */
export function TransitionDialog({ model, record, transition, onClose }: TransitionDialogProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const fire = useFireTransition(model, record.id);
  const schema = useMemo(() => requiredFieldsSchema(model, transition.requiredFields), [model, transition]);
  const base = useMemo(() => formData(schema, record), [schema, record]);
  const [values, setValues] = useState(base);
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const hasFields = Object.keys(schema.properties as object).length > 0;
  const error = fire.error;
  const placed = isApiError(error) ? placeErrors(error.details, schema) : { fields: [], other: [] };
  const commentError = isApiError(error) ? error.details.find((d) => d.path === 'comment')?.message : undefined;
  const missingComment = transition.commentRequired && !comment.trim();

  const confirm = () => {
    setTried(true);
    if (missingComment) return;
    fire.mutate(
      {
        name: transition.name,
        comment: comment.trim() || undefined,
        values: changedValues(schema, base, values),
        version: record.version,
      },
      { onSuccess: (fired) => onClose(fired) },
    );
  };

  return (
    <Dialog open onClose={() => onClose()} fullWidth maxWidth="sm" aria-labelledby="transition-title">
      <DialogTitle id="transition-title">{t('workflow.dialogTitle', { transition: transition.label })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {error && (
            <Alert severity="error">
              {isApiError(error) && error.code === 'state_changed' ? t('workflow.stateChanged') : error.message}
              {placed.other
                .filter((m) => m !== error.message)
                .map((m, i) => (
                  <Typography key={i} variant="body2">
                    {m}
                  </Typography>
                ))}
            </Alert>
          )}
          {hasFields && (
            <>
              <Typography variant="subtitle2">{t('workflow.requiredFields')}</Typography>
              <JsonForms
                schema={schema}
                data={values}
                renderers={renderers}
                cells={cells}
                validationMode={tried ? 'ValidateAndShow' : 'ValidateAndHide'}
                additionalErrors={placed.fields as never}
                i18n={{
                  locale: lang,
                  translateError: (e) => (e.keyword === 'required' ? t('errors.required') : (e.message ?? '')),
                }}
                onChange={({ data }) => setValues(data as Record<string, unknown>)}
              />
            </>
          )}
          <TextField
            label={transition.commentRequired ? t('workflow.commentRequired') : t('workflow.comment')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            multiline
            minRows={2}
            required={transition.commentRequired}
            error={(tried && missingComment) || !!commentError}
            helperText={commentError ?? (tried && missingComment ? t('errors.required') : undefined)}
            autoFocus={!hasFields}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose()}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={confirm} disabled={fire.isPending}>
          {transition.label}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
