import SaveIcon from '@mui/icons-material/Save';
import { Alert, Box, Button, Snackbar, Stack } from '@mui/material';
import type { JsonFormsCore } from '@jsonforms/core';
import { JsonForms } from '@jsonforms/react';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/api-error.ts';
import type { ApiRecord } from '../api/api-types.ts';
import { useLanguage } from '../i18n/use-language.ts';
import type { EntityModel } from '../model/entity-model.ts';
import type { Formats } from '../model/format-value.ts';
import { ConflictDialog } from './conflict-dialog.tsx';
import { buildSchema, changedValues, chooseUiSchema, defaults, formData, withDateFormats } from './form-schema.ts';
import { cells, renderers } from './renderers/index.ts';
import { placeErrors, type FieldError } from './server-errors.ts';

type ErrorObject = NonNullable<JsonFormsCore['errors']>[number];
import { settleInputs } from './settle-inputs.ts';
import { UnsavedGuard } from './unsaved-guard.tsx';
import { useSaveRecord } from './use-save-record.ts';

interface RecordFormProps {
  model: EntityModel;
  /** The record to edit; none to create one. */
  record?: ApiRecord;
  /** Fields hidden from, and read-only for, this user (their abilities). */
  hidden: string[];
  readonly: string[];
  canSave: boolean;
  formats: Formats;
  onSaved: (record: ApiRecord, created: boolean) => void;
  onDirtyChange?: (dirty: boolean) => void;
}

/**
 * A record drawn by JSON Forms from the entity's form (or one generated from its fields). The
 * engine's verdict is the last word: its errors go under the fields they name, a version
 * conflict shows what changed meanwhile, and unsaved edits are not lost on the way out.
 */
export function RecordForm(props: RecordFormProps) {
  const { model, record, formats } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  const mode = record ? 'edit' : 'create';
  const texts = { computed: t('record.computed'), assignedOnSave: t('record.assignedOnSave') };
  const schema = useMemo(
    () => buildSchema(model, { mode, hidden: props.hidden, readonly: props.readonly, texts }),
    // `texts` follow the language, which `model` follows.
    [model, mode, props.hidden, props.readonly],
  );
  const uischema = useMemo(
    () => withDateFormats(chooseUiSchema(model, schema, mode, record?.state), schema, lang),
    [model, schema, mode, record?.state, lang],
  );
  const [base, setBase] = useState<Record<string, unknown>>(() => (record ? formData(schema, record) : {}));
  const [data, setData] = useState<Record<string, unknown>>(() => (record ? base : defaults(model)));
  const [clientErrors, setClientErrors] = useState<ErrorObject[]>([]);
  const [showErrors, setShowErrors] = useState(false);
  const [server, setServer] = useState<{ fields: FieldError[]; other: string[]; message?: string }>({
    fields: [],
    other: [],
  });
  const [conflict, setConflict] = useState<ApiRecord | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useSaveRecord(model);
  const i18n = useMemo(
    () => ({
      locale: lang,
      translateError: (e: { keyword: string; message?: string }) =>
        e.keyword === 'required' ? t('errors.required') : (e.message ?? ''),
    }),
    [lang, t],
  );
  // Our date-time control shows instants in the user's zone (the profile's).
  const config = useMemo(() => ({ timeZone: formats.timeZone }), [formats.timeZone]);
  const changes = changedValues(schema, base, data);
  const dirty = Object.keys(changes).length > 0;
  const onDirty = useRef(props.onDirtyChange);
  onDirty.current = props.onDirtyChange;

  useEffect(() => onDirty.current?.(dirty), [dirty]);
  // A keystroke reaches the form's data 300 ms later (JSON Forms debounces): until then the
  // guard counts it as an edit, so leaving right after typing still asks.
  const [typing, setTyping] = useState(false);
  const typingTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const onInput = () => {
    setTyping(true);
    clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(() => setTyping(false), 500);
  };
  useEffect(() => () => clearTimeout(typingTimer.current), []);
  // A newer version arrived (a transition, a reload): adopt it unless the user is editing.
  const version = record?.version;
  useEffect(() => {
    if (!record || dirty) return;
    const next = formData(schema, record);
    setBase(next);
    setData(next);
    // Only a new version or schema resets the form, not each edit.
  }, [version, schema]);

  const adopt = (fresh: ApiRecord) => {
    const next = formData(schema, fresh);
    setBase(next);
    setData(next);
    setServer({ fields: [], other: [] });
    setShowErrors(false);
  };

  const submit = (values: Record<string, unknown>, atVersion?: number) => {
    setServer({ fields: [], other: [] });
    save.mutate(
      { id: record?.id, values, version: atVersion },
      {
        onSuccess: (fresh) => {
          adopt(fresh);
          setSaved(true);
          props.onSaved(fresh, !record);
        },
        onError: (e) => {
          if (isApiError(e) && e.code === 'version_conflict' && e.extra.current) {
            setConflict(e.extra.current as ApiRecord);
            return;
          }
          const placed = isApiError(e) ? placeErrors(e.details, schema) : { fields: [], other: [] };
          setShowErrors(true);
          setServer({ ...placed, message: isApiError(e) && e.status === 0 ? t('common.networkError') : e.message });
        },
      },
    );
  };

  const latest = useRef({ data, clientErrors });
  latest.current = { data, clientErrors };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await settleInputs();
    // Every keystroke has reached the data now: `dirty` alone tells whether edits remain.
    clearTimeout(typingTimer.current);
    setTyping(false);
    const { data: now, clientErrors: errors } = latest.current;
    setShowErrors(true);
    if (errors.length) {
      setServer({ fields: [], other: [], message: t('record.invalid') });
      return;
    }
    const values = changedValues(schema, record ? base : {}, now);
    if (record && Object.keys(values).length === 0) return;
    submit(values, record?.version);
  };

  return (
    <Box component="form" onSubmit={(e) => void onSubmit(e)} onInput={onInput} noValidate aria-label={model.title}>
      <UnsavedGuard when={(dirty || typing) && !save.isPending} />
      {server.message && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {server.message}
          {server.other.length > 0 && (
            <Box component="ul" sx={{ m: 0, pl: 2 }}>
              {server.other.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </Box>
          )}
        </Alert>
      )}
      {!props.canSave && record && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {t('record.readOnly')}
        </Alert>
      )}
      <JsonForms
        schema={schema}
        uischema={uischema as never}
        data={data}
        renderers={renderers}
        cells={cells}
        readonly={!props.canSave}
        validationMode={showErrors ? 'ValidateAndShow' : 'ValidateAndHide'}
        additionalErrors={server.fields as ErrorObject[]}
        i18n={i18n}
        config={config}
        onChange={({ data: next, errors }) => {
          setData(next as Record<string, unknown>);
          setClientErrors((errors ?? []) as ErrorObject[]);
        }}
      />
      {props.canSave && (
        <Stack direction="row" spacing={1} sx={{ mt: 2, justifyContent: 'flex-end' }}>
          <Button
            type="submit"
            variant="contained"
            size="large"
            startIcon={<SaveIcon />}
            disabled={save.isPending || (!!record && !dirty)}
          >
            {save.isPending ? t('common.saving') : record ? t('record.save') : t('record.create')}
          </Button>
        </Stack>
      )}
      {conflict && (
        <ConflictDialog
          model={model}
          base={base}
          mine={data}
          current={conflict}
          formats={formats}
          onCancel={() => setConflict(null)}
          onReload={() => {
            adopt(conflict);
            props.onSaved(conflict, false);
            setConflict(null);
          }}
          onOverwrite={() => {
            const at = conflict.version;
            setConflict(null);
            submit(changes, at);
          }}
        />
      )}
      <Snackbar
        open={saved}
        autoHideDuration={3000}
        onClose={() => setSaved(false)}
        message={record ? t('record.saved') : t('record.created')}
      />
    </Box>
  );
}
