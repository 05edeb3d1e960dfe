/** A record the user opened, remembered in this browser for the home page. */
export interface RecentRecord {
  bundle: string;
  entity: string;
  id: string;
  title: string;
  entityLabel: string;
  at: string;
}

const MAX = 12;
const key = (userId: string) => `opsflux.recent.${userId}`;

export function recentRecords(userId: string): RecentRecord[] {
  try {
    const raw = localStorage.getItem(key(userId));
    const list: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(list) ? (list as RecentRecord[]).filter((r) => r && typeof r.id === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberRecord(userId: string, record: Omit<RecentRecord, 'at'>): void {
  const others = recentRecords(userId).filter(
    (r) => !(r.bundle === record.bundle && r.entity === record.entity && r.id === record.id),
  );
  try {
    localStorage.setItem(
      key(userId),
      JSON.stringify([{ ...record, at: new Date().toISOString() }, ...others].slice(0, MAX)),
    );
  } catch {
    // Storage full or disabled: the home page simply shows fewer records.
  }
}
