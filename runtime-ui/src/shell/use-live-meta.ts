import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { keys } from '../api/queries.ts';
import { watchLiveSocket } from '../notifications/live-socket.ts';

/**
 * Keeps the app's menus, views, forms and abilities in step with the bundles: when an
 * administrator publishes (or rolls back, activates, deactivates) a bundle, the engine tells every
 * socket `meta:changed` and the meta is read afresh. A socket that reconnects may have missed one,
 * so a reconnection refetches too. Listens on the app's one socket.
 */
export function useLiveMeta(): void {
  const qc = useQueryClient();
  useEffect(
    () =>
      watchLiveSocket((socket) => {
        const refetch = () => {
          void qc.invalidateQueries({ queryKey: ['meta'] });
          void qc.invalidateQueries({ queryKey: keys.abilities });
        };
        let first = !socket.connected;
        const connected = () => {
          if (!first) refetch();
          first = false;
        };
        socket.on('meta:changed', refetch);
        socket.on('connect', connected);
        return () => {
          socket.off('meta:changed', refetch);
          socket.off('connect', connected);
        };
      }),
    [qc],
  );
}
