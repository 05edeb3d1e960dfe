/**
 * Demo data for the `core` bundle: the shared references of an operator in the Gulf of
 * Guinea — its sites, the currencies it pays in with a year of monthly exchange rates, units
 * of measure and tags.
 *
 * Reference data is mostly fixed (ISO codes, unit definitions); what is invented is said in
 * each file. The output is deterministic. Records use the API payload shape (field names as
 * keys, plus `external_id`); references name their target by external id as
 * `{ "$ref": "CORE-CUR-USD" }`, which the seed loader resolves to record ids. Entities come
 * in loading order: currencies before the rates that point at them. The computed field
 * `display_name` of units is left out: the engine fills it.
 */
import { currencyRecords, exchangeRateRecords } from './currencies.ts';
import type { SeedRecord } from './seed-types.ts';
import { siteRecords } from './sites.ts';
import { tagRecords } from './tags.ts';
import { unitRecords } from './units.ts';

export type { SeedRecord, SeedRef } from './seed-types.ts';
export { EURO_PEGS, RATES_YEAR } from './currencies.ts';
export { TIME_ZONES } from './sites.ts';

export interface CoreSeed {
  currency: SeedRecord[];
  exchange_rate: SeedRecord[];
  unit: SeedRecord[];
  tag: SeedRecord[];
  site: SeedRecord[];
}

export function generateCoreSeed(): CoreSeed {
  return {
    currency: currencyRecords(),
    exchange_rate: exchangeRateRecords(),
    unit: unitRecords(),
    tag: tagRecords(),
    site: siteRecords(),
  };
}
