import { Box, Link, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { rankWith, uiTypeIs, type LayoutProps, type RankedTester } from '@jsonforms/core';
import { withJsonFormsLayoutProps } from '@jsonforms/react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import type { ApiRecord, ListResponse } from '../../api/api-types.ts';
import { entityPath, keys, splitEntityKey, useMe } from '../../api/queries.ts';
import { ReferenceLabel } from '../../components/reference-label.tsx';
import { formatValue } from '../../model/format-value.ts';
import { useEntityModel } from '../../model/use-entity-model.ts';
import { listPath, recordUrl } from '../../shell/navigation.ts';

/** The `Related` element as the engine serves it (docs/ui-meta.md). */
export interface RelatedUiSchema {
  type: 'Related';
  entity: string;
  field: string;
  label: string;
  columns: { field: string; label: string }[];
  limit: number;
}

/** The list address of the records that point at `id` through `field`. */
export function relatedListUrl(el: Pick<RelatedUiSchema, 'entity' | 'field'>, id: string): string {
  const { bundle, entity } = splitEntityKey(el.entity, '');
  return `${listPath(bundle, entity)}?filter=${encodeURIComponent(JSON.stringify({ [el.field]: id }))}`;
}

/**
 * The records of another entity that refer to this one, read-only, each linking to itself, and
 * a link to the whole filtered list. Hidden when the reader may not read them; on a record not
 * saved yet there is nothing to point at, which it says.
 */
function RelatedRecords({ uischema, visible }: LayoutProps) {
  const el = uischema as unknown as RelatedUiSchema;
  const { t, i18n } = useTranslation();
  const api = useApi();
  const me = useMe();
  const { id } = useParams();
  const { bundle, entity } = splitEntityKey(el.entity, '');
  const { model } = useEntityModel(bundle, entity);
  // References come expanded, so their display field shows rather than an id.
  const references = el.columns
    .map((c) => model?.field(c.field))
    .filter((f) => f?.type === 'reference')
    .map((f) => f!.name);
  const query = {
    filter: JSON.stringify({ [el.field]: id }),
    fields: el.columns.map((c) => c.field).join(','),
    ...(references.length && { expand: references.join(',') }),
    limit: el.limit,
    count: true,
  };
  const rows = useQuery({
    queryKey: [...keys.records(bundle, entity), 'related', query],
    queryFn: ({ signal }) => api.get<ListResponse<ApiRecord>>(entityPath(bundle, entity), { query, signal }),
    enabled: !!id && visible && !!model,
    retry: false,
  });
  if (!visible || rows.isError) return null;
  const headingId = `related-${bundle}-${entity}-${el.field}`;
  const formats = { lang: i18n.language, timeZone: me.data?.timeZone, yes: t('common.yes'), no: t('common.no') };
  const total = rows.data?.meta?.total ?? rows.data?.data.length ?? 0;
  // The state is no field of the entity: its label comes from the workflow.
  const cellText = (field: string, value: unknown) =>
    field === 'state'
      ? (model?.states?.find((s) => s.name === value)?.label ?? String(value ?? ''))
      : formatValue(model?.field(field) ?? model?.systemFields.find((f) => f.name === field), value, formats);
  return (
    <Box component="section" aria-labelledby={headingId} sx={{ my: 2 }}>
      <Stack direction="row" sx={{ alignItems: 'baseline', justifyContent: 'space-between' }}>
        <Typography id={headingId} variant="subtitle1" component="h3">
          {el.label}
        </Typography>
        {id && total > 0 && (
          <Link component={RouterLink} to={relatedListUrl(el, id)}>
            {t('record.relatedAll', { count: total })}
          </Link>
        )}
      </Stack>
      {!id ? (
        <Typography variant="body2" color="text.secondary">
          {t('record.relatedAfterSave')}
        </Typography>
      ) : rows.isPending ? (
        <Typography variant="body2">{t('common.loading')}</Typography>
      ) : total === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('record.relatedNone')}
        </Typography>
      ) : (
        <Table size="small" aria-labelledby={headingId}>
          <TableHead>
            <TableRow>
              {el.columns.map((c) => (
                <TableCell key={c.field}>{c.label}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.data.data.map((r) => (
              <TableRow key={r.id}>
                {el.columns.map((c, i) => {
                  const target = model?.field(c.field)?.target;
                  const text = target ? (
                    <ReferenceLabel target={target} value={r[c.field]} />
                  ) : (
                    cellText(c.field, r[c.field]) || '—'
                  );
                  return (
                    <TableCell key={c.field}>
                      {i === 0 ? (
                        <Link component={RouterLink} to={recordUrl(bundle, entity, r.id)}>
                          {text}
                        </Link>
                      ) : (
                        text
                      )}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

export const relatedTester: RankedTester = rankWith(10, uiTypeIs('Related'));
export const RelatedRenderer = withJsonFormsLayoutProps(RelatedRecords);
