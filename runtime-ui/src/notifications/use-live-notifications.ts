import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import type { AppNotification } from '../api/api-types.ts';
import { keys } from '../api/queries.ts';
import { shareLiveSocket } from './live-socket.ts';

export const unreadKey = [...keys.notifications, 'unread'] as const;
export const listKey = (filters: object) => [...keys.notifications, 'list', filters] as const;

/**
 * The unread count, kept live over socket.io (`unread` and `notification` events), and the last
 * notification pushed, for a toast. Pushes are at most once: on every (re)connection the engine
 * sends the count again, and the list is read afresh.
 */
export function useLiveNotifications(): { unread: number; latest: AppNotification | null; dismiss(): void } {
  const api = useApi();
  const qc = useQueryClient();
  const [latest, setLatest] = useState<AppNotification | null>(null);
  const unread = useQuery({
    queryKey: unreadKey,
    queryFn: ({ signal }) =>
      api.get<{ count: number }>('/api/v1/notifications/unread-count', { signal }).then((r) => r.count),
    staleTime: 60_000,
  });

  useEffect(() => {
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let socket: import('socket.io-client').Socket | undefined;
    // Loaded apart from the first screen: the count is shown before the socket is up.
    void import('socket.io-client').then(({ io }) => {
      if (closed) return;
      socket = io({ path: '/socket.io', withCredentials: true, transports: ['websocket', 'polling'] });
      shareLiveSocket(socket);
      socket.on('connect', () => {
        failures = 0;
        void qc.invalidateQueries({ queryKey: [...keys.notifications, 'list'] });
      });
      socket.on('unread', (m: { count: number }) => qc.setQueryData(unreadKey, m.count));
      socket.on('notification', (n: AppNotification) => {
        setLatest(n);
        void qc.invalidateQueries({ queryKey: [...keys.notifications, 'list'] });
        void qc.invalidateQueries({ queryKey: keys.pending });
      });
      // A refused handshake is not retried by socket.io: an expired access token is refreshed by
      // any API call, then the socket tries again, backing off.
      socket.on('connect_error', () => {
        if (closed || socket?.active) return;
        failures += 1;
        retry = setTimeout(
          () => {
            void qc.invalidateQueries({ queryKey: unreadKey }).finally(() => {
              if (!closed) socket?.connect();
            });
          },
          Math.min(30_000, 1000 * 2 ** failures),
        );
      });
    });
    return () => {
      closed = true;
      clearTimeout(retry);
      shareLiveSocket(undefined);
      socket?.disconnect();
    };
  }, [qc]);

  return { unread: unread.data ?? 0, latest, dismiss: () => setLatest(null) };
}
