/**
 * Demo data for the `pobvue` bundle: the certificate types an operator in the Gulf of Guinea
 * asks for, the capacity and requirements of the sites of the core seed, people with their
 * certificates (some lapsing within 30 days, some lapsed, some not verified yet) and a month
 * of stays around `today`.
 *
 * Deterministic: the same options give the same records. Dates are relative to `today` (the
 * current UTC day by default) so that the demo always shows stays on site, certificates about
 * to expire and requests waiting for a decision. Records use the API payload shape; references
 * name their target by external id (`{ "$ref": "CORE-SITE-CG-LOE-FPSO" }`). `seed.ts` adds the
 * employers (tiers demo companies, seeded first) and each stay's journey as `$transitions`.
 */
import type { SeedRecord } from '../core/seed-types.ts';
import { capacityRecords } from './capacities.ts';
import { certificateTypeRecords } from './certificate-types.ts';
import { certificateRecords, generatePeople } from './people.ts';
import { Rng, todayUtc } from './random.ts';
import { planStays, stayRecords, type StayJourney } from './stays.ts';

export type { StayJourney, StayState } from './stays.ts';

export interface PobvueSeedOptions {
  /** The day the demo is built around, `YYYY-MM-DD`; the current UTC day by default. */
  today?: string;
  /** PRNG seed; 1 by default. */
  seed?: number;
  people?: number;
  stays?: number;
}

export interface PobvueSeed {
  certificate_type: SeedRecord[];
  site_capacity: SeedRecord[];
  person: SeedRecord[];
  certificate: SeedRecord[];
  stay_request: SeedRecord[];
}

export const DEFAULT_PEOPLE = 90;
export const DEFAULT_STAYS = 150;

export function generatePobvue(opts: PobvueSeedOptions = {}): { seed: PobvueSeed; journeys: StayJourney[] } {
  const today = opts.today ?? todayUtc();
  const rng = new Rng(opts.seed ?? 1);
  const { people, person } = generatePeople(rng, {
    count: opts.people ?? DEFAULT_PEOPLE,
    today,
    expiring: 8,
    expired: 6,
    unverified: 3,
  });
  const planned = planStays(rng, people, today, opts.stays ?? DEFAULT_STAYS);
  const { stay_request, journeys } = stayRecords(rng, planned);
  return {
    seed: {
      certificate_type: certificateTypeRecords(),
      site_capacity: capacityRecords(),
      person,
      certificate: certificateRecords(people),
      stay_request,
    },
    journeys,
  };
}

export function generatePobvueSeed(opts: PobvueSeedOptions = {}): PobvueSeed {
  return generatePobvue(opts).seed;
}
