import { Autocomplete, Chip, TextField } from '@mui/material';
import { and, isControl, rankWith, schemaMatches, type ControlProps, type RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import type { ApiRecord, ListResponse } from '../../api/api-types.ts';
import { entityPath, keys, splitEntityKey } from '../../api/queries.ts';
import { useRecordTitle } from '../../components/use-record-title.ts';
import { recordTitle } from '../../model/entity-model.ts';
import { useEntityModel } from '../../model/use-entity-model.ts';
import { searchQuery, type Option } from './reference-control.tsx';

/** A chosen record, named by its display field once looked up. */
function ReferenceChip({ target, option, ...chip }: { target: string; option: Option } & Record<string, unknown>) {
  const { t } = useTranslation();
  const looked = useRecordTitle(target, option.label ? null : option.id);
  const label = option.label || (looked === null ? t('record.referenceUnavailable') : (looked ?? '…'));
  return <Chip {...chip} label={label} size="small" />;
}

/** Many references: search the target entity, chips for the chosen records. */
function ReferencesControl(props: ControlProps) {
  const { t } = useTranslation();
  const api = useApi();
  const target = String(props.schema['x-references' as keyof typeof props.schema]);
  const { bundle, entity } = splitEntityKey(target, '');
  const { model } = useEntityModel(bundle, entity);
  const [input, setInput] = useState('');
  const [open, setOpen] = useState(false);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const text = useDeferredValue(input);
  const ids = Array.isArray(props.data) ? (props.data as string[]) : [];
  const options = useQuery({
    queryKey: [...keys.records(bundle, entity), 'options', text],
    queryFn: ({ signal }) =>
      api.get<ListResponse<ApiRecord>>(entityPath(bundle, entity), { query: searchQuery(model!, text), signal }),
    enabled: open && !!model,
    staleTime: 30_000,
  });
  const list: Option[] = (options.data?.data ?? []).map((r) => ({
    id: r.id,
    label: model ? recordTitle(model, r) : r.id,
  }));
  const invalid = props.errors.length > 0;
  if (!props.visible) return null;
  return (
    <Autocomplete<Option, true>
      multiple
      id={`${props.id}-input`}
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      value={ids.map((id) => ({ id, label: labels[id] ?? '' }))}
      options={list}
      disabled={!props.enabled}
      loading={options.isFetching}
      filterOptions={(x) => x}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      getOptionLabel={(o) => o.label}
      getOptionKey={(o) => o.id}
      onInputChange={(_, v, reason) => reason === 'input' && setInput(v)}
      onChange={(_, chosen) => {
        setLabels((old) => ({ ...old, ...Object.fromEntries(chosen.map((o) => [o.id, o.label])) }));
        props.handleChange(props.path, chosen.length ? chosen.map((o) => o.id) : undefined);
      }}
      renderValue={(value, getItemProps) =>
        value.map((option, index) => {
          const { key, ...itemProps } = getItemProps({ index });
          return <ReferenceChip key={key} target={target} option={option} {...itemProps} />;
        })
      }
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
        />
      )}
    />
  );
}

// Testers see the root schema: `schemaMatches` resolves the control's own.
export const referencesTester: RankedTester = rankWith(
  10,
  and(
    isControl,
    schemaMatches((s) => typeof s['x-references' as never] === 'string'),
  ),
);
export const ReferencesRenderer = withJsonFormsControlProps(ReferencesControl);
