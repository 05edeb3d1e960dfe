import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';
import type { ApiRecord, DataResponse } from '../api/api-types.ts';
import { entityPath, keys, recordPath } from '../api/queries.ts';
import type { EntityModel } from '../model/entity-model.ts';

/** Creates a record (no id) or patches one at the version the user read; the caches follow. */
export function useSaveRecord(model: EntityModel) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, values, version }: { id?: string; values: Record<string, unknown>; version?: number }) =>
      (id
        ? api.patch<DataResponse<ApiRecord>>(recordPath(model.bundle, model.name, id), { ...values, version })
        : api.post<DataResponse<ApiRecord>>(entityPath(model.bundle, model.name), values)
      ).then((r) => r.data),
    onSuccess: (saved) => {
      qc.setQueryData(keys.record(model.bundle, model.name, saved.id), saved);
      void qc.invalidateQueries({ queryKey: [...keys.records(model.bundle, model.name), 'page'] });
      void qc.invalidateQueries({
        queryKey: [...keys.records(model.bundle, model.name), 'record', saved.id, 'history'],
      });
    },
  });
}
