import { useApi } from '@opsflux/runtime-ui/api-context';
import { useQueries } from '@tanstack/react-query';
import { unwrap } from '../api/designer-api.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * People's names for the user ids the history holds (one call per distinct id, cached). An id
 * that cannot be read (a deleted user) shows as it is.
 */
export function useUserNames(ids: readonly (string | null | undefined)[]): (id: string | null | undefined) => string {
  const api = useApi();
  const unique = [...new Set(ids.filter((i): i is string => !!i && UUID.test(i)))];
  const names = useQueries({
    queries: unique.map((id) => ({
      queryKey: ['admin', 'users', id],
      staleTime: 5 * 60_000,
      retry: false,
      queryFn: async ({ signal }: { signal: AbortSignal }) =>
        unwrap<{ firstName?: string; lastName?: string; email?: string }>(
          await api.get(`/api/v1/admin/users/${encodeURIComponent(id)}`, { signal }),
        ),
    })),
  });
  return (id) => {
    if (!id) return '—';
    const u = names[unique.indexOf(id)]?.data;
    const name = u ? `${u.firstName ?? ''} ${u.lastName ?? ''}`.trim() || u.email : undefined;
    return name || id;
  };
}
