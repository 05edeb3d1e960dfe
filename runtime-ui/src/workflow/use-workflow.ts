import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';
import type { ApiRecord, Approval, DataResponse, TransitionsInfo } from '../api/api-types.ts';
import { keys, recordPath } from '../api/queries.ts';
import type { EntityModel } from '../model/entity-model.ts';

const recordKey = (m: EntityModel, id: string) => keys.record(m.bundle, m.name, id);

/** The record's transitions (with what stands in the way of each) and its approvals. */
export function useWorkflow(model: EntityModel, id: string) {
  const api = useApi();
  const path = recordPath(model.bundle, model.name, id);
  const transitions = useQuery({
    queryKey: [...recordKey(model, id), 'transitions'],
    queryFn: ({ signal }) =>
      api.get<DataResponse<TransitionsInfo>>(`${path}/transitions`, { signal }).then((r) => r.data),
  });
  const approvals = useQuery({
    queryKey: [...recordKey(model, id), 'approvals'],
    queryFn: ({ signal }) => api.get<DataResponse<Approval[]>>(`${path}/approvals`, { signal }).then((r) => r.data),
  });
  return { transitions, approvals };
}

/** After a step: the record, its workflow, its history, the lists and the pending approvals are read again. */
function useRefresh(model: EntityModel, id: string) {
  const qc = useQueryClient();
  return (record?: ApiRecord) => {
    if (record) qc.setQueryData(recordKey(model, id), record);
    void qc.invalidateQueries({ queryKey: recordKey(model, id) });
    void qc.invalidateQueries({ queryKey: [...keys.records(model.bundle, model.name), 'page'] });
    void qc.invalidateQueries({ queryKey: keys.pending });
  };
}

export function useFireTransition(model: EntityModel, id: string) {
  const api = useApi();
  const refresh = useRefresh(model, id);
  return useMutation({
    mutationFn: (input: { name: string; comment?: string; values?: Record<string, unknown>; version?: number }) =>
      api
        .post<DataResponse<ApiRecord>>(
          `${recordPath(model.bundle, model.name, id)}/transitions/${encodeURIComponent(input.name)}`,
          {
            ...(input.comment && { comment: input.comment }),
            ...(input.values && Object.keys(input.values).length && { values: input.values }),
            ...(input.version !== undefined && { version: input.version }),
          },
        )
        .then((r) => r.data),
    onSuccess: (record) => refresh(record),
    onError: () => refresh(),
  });
}

export function useDecide(model: EntityModel, id: string) {
  const api = useApi();
  const refresh = useRefresh(model, id);
  return useMutation({
    mutationFn: (input: { decision: 'approved' | 'rejected'; comment?: string; step?: string }) =>
      api.post(`${recordPath(model.bundle, model.name, id)}/approvals/decide`, {
        decision: input.decision,
        ...(input.comment && { comment: input.comment }),
        ...(input.step && { step: input.step }),
      }),
    onSettled: () => refresh(),
  });
}
