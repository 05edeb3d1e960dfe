import type { NewJob } from '../jobs/outbox.ts';
import { zoneOf, type Preferences } from './preferences.ts';
import { nextLocalHour } from './zoned-time.ts';

/** When a user's next digest is due after `after`, by their preferences; undefined when digests are off. */
export function nextDigest(p: Preferences, profileTimeZone: string, after: Date): Date | undefined {
  const { frequency, hour, weekday } = p.digest;
  if (frequency === 'off') return undefined;
  return nextLocalHour(after, zoneOf(p, profileTimeZone), hour, frequency === 'weekly' ? weekday : undefined);
}

/**
 * The job that sends a user's next digest. Keyed by user and time, so everyone who plans it (a
 * notification waiting for it, a change of preferences, the previous digest) plans it once.
 */
export function digestJob(userId: string, p: Preferences, profileTimeZone: string, now: Date): NewJob {
  const at = nextDigest(p, profileTimeZone, now);
  if (!at) throw new Error('digestJob needs digest preferences');
  return {
    topic: 'notify.digest',
    payload: { userId, at: at.toISOString() },
    runAt: at,
    key: `notify.digest:${userId}:${at.toISOString()}`,
  };
}
