/** Seeded choices for demo data, the tiers seed's: the same seed gives the same records. */
export { Random as Rng } from '../tiers/generate.ts';

/** Days as `YYYY-MM-DD` texts, in UTC: the seed speaks in calendar days, like the bundle. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addMonths(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const todayUtc = () => new Date().toISOString().slice(0, 10);
