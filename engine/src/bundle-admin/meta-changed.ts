import type { Live } from '../notify/live.ts';

/**
 * Tells every connected client that a bundle's definitions changed (published, rolled back,
 * activated or deactivated): the apps refetch their meta. Sent after the registry is reloaded.
 */
export function announceMetaChanged(live: Live, bundle: string, version: string): void {
  live.broadcast('meta:changed', { bundle, version });
}
