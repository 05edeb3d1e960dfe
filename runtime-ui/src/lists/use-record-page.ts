import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import type { ApiRecord, ListResponse } from '../api/api-types.ts';
import { entityPath, keys } from '../api/queries.ts';
import type { ListQuery } from './grid-query.ts';

/**
 * One page of a server-paged list. The engine pages with cursors (stable under inserts): the
 * cursor of each page reached is kept, so going back is exact; a new query starts again at the
 * first page, which also asks for the total.
 */
export function useRecordPage(
  bundle: string,
  entity: string,
  query: ListQuery & { expand?: string },
  page: number,
  pageSize: number,
  onReset: () => void,
) {
  const api = useApi();
  const signature = JSON.stringify([query, pageSize]);
  const [cursors, setCursors] = useState<{ signature: string; list: (string | undefined)[]; total?: number }>({
    signature,
    list: [undefined],
  });
  const current = cursors.signature === signature ? cursors : { signature, list: [undefined] };

  useEffect(() => {
    if (cursors.signature !== signature) {
      setCursors({ signature, list: [undefined] });
      onReset();
    }
  }, [signature, cursors.signature, onReset]);

  const cursor = current.list[page];
  const reachable = page === 0 || cursor !== undefined;
  const result = useQuery({
    queryKey: [...keys.records(bundle, entity), 'page', signature, cursor ?? null],
    queryFn: ({ signal }) =>
      api.get<ListResponse<ApiRecord>>(entityPath(bundle, entity), {
        query: { ...query, limit: pageSize, cursor, ...(page === 0 && { count: true }) },
        signal,
      }),
    enabled: reachable,
    placeholderData: keepPreviousData,
  });

  const data = result.data;
  useEffect(() => {
    if (!data || result.isPlaceholderData) return;
    setCursors((old) => {
      if (old.signature !== signature) return old;
      const list = [...old.list];
      list[page + 1] = data.meta.nextCursor ?? undefined;
      return { ...old, list, total: data.meta.total ?? old.total };
    });
  }, [data, result.isPlaceholderData, page, signature]);

  const hasNextPage = !!data?.meta.nextCursor;
  const rowCount = useMemo(() => current.total ?? -1, [current.total]);
  return { result, rows: data?.data ?? [], rowCount, hasNextPage };
}
