import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';
import type { ApiRecord, DataResponse } from '../api/api-types.ts';
import { keys, recordPath, splitEntityKey } from '../api/queries.ts';
import { recordTitle } from '../model/entity-model.ts';
import { useEntityModel } from '../model/use-entity-model.ts';

/**
 * What to call the record `id` of `target` (`bundle.entity`): its display field. Undefined while
 * loading; null when the record cannot be read (deleted, or outside the user's scope).
 */
export function useRecordTitle(target: string, id: string | null | undefined): string | null | undefined {
  const api = useApi();
  const { bundle, entity } = splitEntityKey(target, '');
  const { model } = useEntityModel(bundle, entity);
  const record = useQuery({
    queryKey: keys.record(bundle, entity, id ?? ''),
    queryFn: ({ signal }) =>
      api.get<DataResponse<ApiRecord>>(recordPath(bundle, entity, id!), { signal }).then((r) => r.data),
    enabled: !!id,
    staleTime: 60_000,
    retry: false,
  });
  if (!id) return undefined;
  if (record.error) return null;
  if (!record.data || !model) return undefined;
  return recordTitle(model, record.data);
}
