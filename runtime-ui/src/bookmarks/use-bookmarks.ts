import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';
import type { DataResponse } from '../api/api-types.ts';
import type { Bookmark } from './bookmark-folders.ts';

const BASE = '/api/v1/me/bookmarks';
export const bookmarkKey = ['me', 'bookmarks'] as const;

/** The user's bookmarks (`/api/v1/me/bookmarks`), and the changes to them. */
export function useBookmarks() {
  const api = useApi();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: bookmarkKey,
    queryFn: ({ signal }) => api.get<DataResponse<Bookmark[]>>(BASE, { signal }).then((r) => r.data),
    staleTime: 60_000,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: bookmarkKey });
  const create = useMutation({
    mutationFn: (b: { label: string; url: string; folder?: string | null }) =>
      api.post<DataResponse<Bookmark>>(BASE, b).then((r) => r.data),
    onSettled: refresh,
  });
  const update = useMutation({
    mutationFn: ({ id, ...patch }: { id: string; label?: string; url?: string; folder?: string | null }) =>
      api.patch<DataResponse<Bookmark>>(`${BASE}/${encodeURIComponent(id)}`, patch).then((r) => r.data),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`${BASE}/${encodeURIComponent(id)}`),
    onSettled: refresh,
  });
  const reorder = useMutation({
    mutationFn: (ids: string[]) => api.put<DataResponse<Bookmark[]>>(`${BASE}/order`, { ids }).then((r) => r.data),
    onSuccess: (data) => qc.setQueryData(bookmarkKey, data),
    onSettled: refresh,
  });
  /** Every bookmark of a folder moved to another name (null: out of any folder). */
  const renameFolder = useMutation({
    mutationFn: async ({ from, to }: { from: string; to: string | null }) => {
      const inFolder = (list.data ?? []).filter((b) => b.folder === from);
      await Promise.all(inFolder.map((b) => api.patch(`${BASE}/${encodeURIComponent(b.id)}`, { folder: to })));
    },
    onSettled: refresh,
  });
  return { list, create, update, remove, reorder, renameFolder };
}
