import { siteExternalId } from '../core/sites.ts';
import { ref, type SeedRecord } from '../core/seed-types.ts';

/**
 * What each site of the core seed can hold, and what it requires. Beds are those of the core
 * seed; lifeboat seats are invented, some below the beds so that the lifeboats, not the beds,
 * set the maximum POB (Essoka P2, Iwoko FPSO, Loémé WHP-1). Platforms and FPSOs require
 * offshore survival and medical fitness; sites reached by helicopter also require HUET, among
 * them the Ndoni swamp flow station, which requires nothing else.
 */
type Transfer = 'helicopter' | 'vessel' | 'road';

export interface CapacityRow {
  code: string;
  beds: number;
  port?: number;
  starboard?: number;
  transfer: Transfer;
  offshore?: true;
}

// prettier-ignore
export const CAPACITIES: CapacityRow[] = [
  { code: 'CM-ESK-P1', beds: 60, port: 50, starboard: 50, transfer: 'helicopter', offshore: true },
  { code: 'CM-ESK-P2', beds: 24, port: 24, starboard: 20, transfer: 'vessel', offshore: true },
  { code: 'GA-OBA-PA', beds: 72, port: 72, starboard: 72, transfer: 'helicopter', offshore: true },
  { code: 'CG-LOE-FPSO', beds: 110, port: 120, starboard: 120, transfer: 'helicopter', offshore: true },
  { code: 'CG-LOE-WHP1', beds: 12, port: 10, starboard: 10, transfer: 'helicopter', offshore: true },
  { code: 'GQ-BAN-FPSO', beds: 90, port: 100, starboard: 100, transfer: 'helicopter', offshore: true },
  { code: 'NG-IWK-FPSO', beds: 120, port: 110, starboard: 120, transfer: 'helicopter', offshore: true },
  { code: 'AO-MUS-FPSO', beds: 140, port: 150, starboard: 150, transfer: 'helicopter', offshore: true },
  { code: 'NG-NDN-ONS', beds: 20, transfer: 'helicopter' },
  { code: 'GA-NYA-ONS', beds: 120, transfer: 'road' },
  { code: 'CM-KRI-TERM', beds: 30, transfer: 'road' },
  { code: 'CM-DLA-BASE', beds: 60, transfer: 'road' },
  { code: 'GA-POG-BASE', beds: 150, transfer: 'road' },
  { code: 'CG-PNR-BASE', beds: 120, transfer: 'road' },
  { code: 'NG-ONN-BASE', beds: 150, transfer: 'road' },
];

export const maxPob = (c: CapacityRow) => Math.min(c.beds, c.port ?? c.beds, c.starboard ?? c.beds);

export interface Requirements {
  survival: boolean;
  medical: boolean;
  huet: boolean;
}

export const requirementsOf = (c: CapacityRow): Requirements => ({
  survival: !!c.offshore,
  medical: !!c.offshore,
  huet: c.transfer === 'helicopter',
});

export const capacityId = (code: string) => `POB-CAP-${code}`;

export function capacityRecords(): SeedRecord[] {
  return CAPACITIES.map((c) => {
    const needs = requirementsOf(c);
    return {
      external_id: capacityId(c.code),
      site: ref(siteExternalId(c.code)),
      beds: c.beds,
      ...(c.port !== undefined && { lifeboat_port: c.port }),
      ...(c.starboard !== undefined && { lifeboat_starboard: c.starboard }),
      transfer_mode: c.transfer,
      requires_survival: needs.survival,
      requires_medical: needs.medical,
      requires_huet: needs.huet,
    };
  });
}
