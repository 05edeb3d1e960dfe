import { Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { pickText, type Language } from '@opsflux/definitions';
import { useApi } from '@opsflux/runtime-ui/api-context';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { unwrap } from '../api/designer-api.ts';
import { useExtensionT } from '../i18n/extensions-messages.ts';
import type { TargetField } from './extension-ops.ts';

interface EntityMeta {
  definition?: unknown;
  fields?: { name: string; extension?: string }[];
}

/**
 * The target entity's UI metadata, under the key the draft context reads it with (so it is
 * fetched once): its fields name the bundle whose extension added them. `settled` is false while
 * it is read (again, after a publish) or when it cannot be.
 */
export function useFieldOwners(target: string): { owners: Record<string, string>; settled: boolean } {
  const api = useApi();
  const [bundle = '', entity = ''] = target.split('.');
  const meta = useQuery({
    queryKey: ['meta', 'entity', bundle, entity],
    enabled: !!bundle && !!entity,
    staleTime: 60_000,
    queryFn: async ({ signal }) =>
      unwrap<EntityMeta>(
        await api.get(`/api/v1/meta/entities/${encodeURIComponent(bundle)}/${encodeURIComponent(entity)}`, {
          signal,
        }),
      ),
  });
  const owners: Record<string, string> = {};
  for (const f of meta.data?.fields ?? []) if (f.extension) owners[f.name] = f.extension;
  return { owners, settled: !!meta.data && !meta.isFetching };
}

/** The fields the target already has, read-only, so the new ones are written knowing them. */
export function TargetFields(props: { target: string; fields: readonly TargetField[]; bundle: string }) {
  const t = useExtensionT();
  const { t: te, i18n } = useTranslation();
  if (!props.fields.length)
    return (
      <Typography color="text.secondary" variant="body2">
        {t('existingNone', { entity: props.target })}
      </Typography>
    );
  return (
    <Table size="small" aria-label={t('existing', { entity: props.target })}>
      <TableHead>
        <TableRow>
          <TableCell>{te('editors.common.name')}</TableCell>
          <TableCell>{te('editors.entity.type')}</TableCell>
          <TableCell>{te('editors.common.label')}</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {props.fields.map(({ field, addedBy }) => (
          <TableRow key={field.name}>
            <TableCell sx={{ fontFamily: 'monospace' }}>{field.name}</TableCell>
            <TableCell>{te(`editors.entity.types.${field.type}`)}</TableCell>
            <TableCell>{pickText(field.label, i18n.resolvedLanguage as Language)}</TableCell>
            <TableCell>
              {addedBy && (
                <Chip
                  size="small"
                  variant="outlined"
                  label={t('addedBy', { bundle: addedBy === props.bundle ? t('thisBundle') : addedBy })}
                />
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
