import type { Socket } from 'socket.io-client';

/** Something that listens on the app's socket; what it returns stops it listening. */
export type SocketWatcher = (socket: Socket) => (() => void) | void;

let current: Socket | undefined;
const watchers = new Map<SocketWatcher, (() => void) | void>();

/**
 * The app opens one socket (see use-live-notifications) and shares it here, so other live
 * features listen on it instead of opening their own. `undefined` when it is closed.
 */
export function shareLiveSocket(socket: Socket | undefined): void {
  for (const [watcher, stop] of watchers) {
    stop?.();
    watchers.set(watcher, undefined);
  }
  current = socket;
  if (socket) for (const watcher of watchers.keys()) watchers.set(watcher, watcher(socket));
}

/** Runs `watcher` on the app's socket, now or once it opens; the function returned stops it. */
export function watchLiveSocket(watcher: SocketWatcher): () => void {
  watchers.set(watcher, current ? watcher(current) : undefined);
  return () => {
    watchers.get(watcher)?.();
    watchers.delete(watcher);
  };
}
