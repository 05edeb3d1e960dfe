import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';
import type { DataResponse } from '../api/api-types.ts';
import type { Condition, ListUrlState } from './list-url-state.ts';

const BASE = '/api/v1/me/saved-filters';

export interface SavedFilter {
  id: string;
  view: string;
  name: string;
  filter: Condition;
  sort: NonNullable<ListUrlState['sort']>;
  shared: boolean;
  /** The visible columns, in order; null: the list's own. */
  columns?: string[] | null;
  q?: string | null;
  mine: boolean;
  owner: { id: string; name: string | null } | null;
}

const key = (view: string) => ['me', 'saved-filters', view] as const;

/** A view's saved filters (the user's own and those shared in their company), and changes. */
export function useSavedFilters(view: string) {
  const api = useApi();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: key(view),
    queryFn: ({ signal }) =>
      api.get<DataResponse<SavedFilter[]>>(BASE, { query: { view }, signal }).then((r) => r.data),
    staleTime: 60_000,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: key(view) });
  const create = useMutation({
    mutationFn: (body: {
      name: string;
      filter: Condition;
      sort?: ListUrlState['sort'];
      shared?: boolean;
      columns?: string[];
      q?: string | null;
    }) => api.post<DataResponse<SavedFilter>>(BASE, { view, ...body }).then((r) => r.data),
    onSettled: refresh,
  });
  const update = useMutation({
    mutationFn: ({ id, ...patch }: { id: string; name?: string; shared?: boolean }) =>
      api.patch<DataResponse<SavedFilter>>(`${BASE}/${encodeURIComponent(id)}`, patch).then((r) => r.data),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`${BASE}/${encodeURIComponent(id)}`),
    onSettled: refresh,
  });
  return { list, create, update, remove };
}
