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
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/api-error.ts';
import type { ApiRecord, TransitionOption } from '../api/api-types.ts';
import { useMe } from '../api/queries.ts';
import { useLanguage } from '../i18n/use-language.ts';
import type { EntityModel } from '../model/entity-model.ts';
import {
  buildSchema,
  changedValues,
  defaultUiSchema,
  formData,
  withDateFormats,
  type JsonSchema,
} from '../records/form-schema.ts';
import { cells, renderers } from '../records/renderers/index.ts';
import { placeErrors } from '../records/server-errors.ts';
import { settleInputs } from '../records/settle-inputs.ts';
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
  const me = useMe();
  // Date-times in the profile's zone, as on the record's form.
  const config = useMemo(() => ({ timeZone: me.data?.timeZone }), [me.data?.timeZone]);
  const schema = useMemo(() => requiredFieldsSchema(model, transition.requiredFields), [model, transition]);
  const uischema = useMemo(() => {
    const fields = Object.keys(schema.properties as object)
      .map((name) => model.field(name))
      .filter((f) => !!f);
    return withDateFormats(defaultUiSchema(fields), schema, lang);
  }, [model, schema, lang]);
  const base = useMemo(() => formData(schema, record), [schema, record]);
  const [values, setValues] = useState(base);
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const hasFields = Object.keys(schema.properties as object).length > 0;
  const error = fire.error;
  // Stable between renders: a new errors array would make JSON Forms reset its data to ours.
  const placed = useMemo(
    () => (isApiError(error) ? placeErrors(error.details, schema) : { fields: [], other: [] }),
    [error, schema],
  );
  const i18n = useMemo(
    () => ({
      locale: lang,
      translateError: (e: { keyword: string; message?: string }) =>
        e.keyword === 'required' ? t('errors.required') : (e.message ?? ''),
    }),
    [lang, t],
  );
  const commentError = isApiError(error) ? error.details.find((d) => d.path === 'comment')?.message : undefined;
  const missingComment = transition.commentRequired && !comment.trim();

  const latest = useRef(values);
  latest.current = values;
  const confirm = async () => {
    setTried(true);
    if (missingComment) return;
    await settleInputs();
    fire.mutate(
      {
        name: transition.name,
        comment: comment.trim() || undefined,
        values: changedValues(schema, base, latest.current),
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
                uischema={uischema as never}
                data={values}
                renderers={renderers}
                cells={cells}
                validationMode={tried ? 'ValidateAndShow' : 'ValidateAndHide'}
                additionalErrors={placed.fields as never}
                i18n={i18n}
                config={config}
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
        <Button variant="contained" onClick={() => void confirm()} disabled={fire.isPending}>
          {transition.label}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
