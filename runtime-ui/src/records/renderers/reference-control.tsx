import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { Autocomplete, CircularProgress, IconButton, Stack, TextField, Tooltip } from '@mui/material';
import { and, isControl, rankWith, schemaMatches, type ControlProps, type RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import type { ApiRecord, ListResponse } from '../../api/api-types.ts';
import { entityPath, keys, splitEntityKey } from '../../api/queries.ts';
import { useRecordTitle } from '../../components/use-record-title.ts';
import { recordTitle, type EntityModel } from '../../model/entity-model.ts';
import { useEntityModel } from '../../model/use-entity-model.ts';
import { recordUrl } from '../../shell/navigation.ts';

export interface Option {
  id: string;
  label: string;
}

/** Records of the target matching what the user typed: full-text search, else the display field. */
export function searchQuery(model: EntityModel, text: string): Record<string, string | number> {
  const fields = [model.displayField, model.sequenceField].filter((f): f is string => !!f);
  const base = { limit: 20, ...(fields.length && { fields: fields.join(',') }) };
  if (!text) return base;
  if (model.searchable) return { ...base, q: text };
  if (model.displayField) return { ...base, filter: JSON.stringify({ [model.displayField]: { $contains: text } }) };
  return base;
}

/** A reference: search the target entity as you type, show its display field, open it. */
function ReferenceControl(props: ControlProps) {
  const { t } = useTranslation();
  const api = useApi();
  const target = String(props.schema['x-reference' as keyof typeof props.schema]);
  const { bundle, entity } = splitEntityKey(target, '');
  const { model } = useEntityModel(bundle, entity);
  const [input, setInput] = useState('');
  const [open, setOpen] = useState(false);
  const text = useDeferredValue(input);
  const value = typeof props.data === 'string' ? props.data : null;
  const title = useRecordTitle(target, value);
  const options = useQuery({
    queryKey: [...keys.records(bundle, entity), 'options', text],
    queryFn: ({ signal }) =>
      api.get<ListResponse<ApiRecord>>(entityPath(bundle, entity), { query: searchQuery(model!, text), signal }),
    enabled: open && !!model,
    staleTime: 30_000,
  });
  const current: Option | null = value
    ? { id: value, label: title ?? (title === null ? t('record.referenceUnavailable') : '…') }
    : null;
  const list: Option[] = (options.data?.data ?? []).map((r) => ({
    id: r.id,
    label: model ? recordTitle(model, r) : r.id,
  }));
  const invalid = props.errors.length > 0;
  if (!props.visible) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
      <Autocomplete<Option>
        fullWidth
        id={`${props.id}-input`}
        open={open}
        onOpen={() => setOpen(true)}
        onClose={() => setOpen(false)}
        value={current}
        options={list}
        disabled={!props.enabled}
        loading={options.isFetching}
        filterOptions={(x) => x}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        getOptionLabel={(o) => o.label}
        getOptionKey={(o) => o.id}
        onInputChange={(_, v, reason) => reason === 'input' && setInput(v)}
        onChange={(_, o) => props.handleChange(props.path, o?.id)}
        noOptionsText={t('record.noOptions')}
        loadingText={t('common.loading')}
        renderInput={(params) => (
          <TextField
            {...params}
            label={props.label}
            required={props.required}
            error={invalid}
            helperText={invalid ? props.errors : props.description}
            placeholder={t('record.searchRecords')}
            slotProps={{
              input: {
                ...params.InputProps,
                endAdornment: (
                  <>
                    {options.isFetching && <CircularProgress size={18} />}
                    {params.InputProps.endAdornment}
                  </>
                ),
              },
            }}
          />
        )}
      />
      {value && (
        <Tooltip title={current?.label ?? ''}>
          <IconButton
            component={RouterLink}
            to={recordUrl(bundle, entity, value)}
            aria-label={`${t('notifications.open')} ${props.label}: ${current?.label ?? ''}`}
            sx={{ mt: 0.5 }}
          >
            <OpenInNewIcon />
          </IconButton>
        </Tooltip>
      )}
    </Stack>
  );
}

// Testers see the root schema: `schemaMatches` resolves the control's own.
export const referenceTester: RankedTester = rankWith(
  10,
  and(
    isControl,
    schemaMatches((s) => typeof s['x-reference' as never] === 'string'),
  ),
);
export const ReferenceRenderer = withJsonFormsControlProps(ReferenceControl);
