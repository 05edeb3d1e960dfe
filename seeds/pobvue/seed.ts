import { generatePobvue } from './generate.ts';

/**
 * Demo data loaded by `npm start` and `opsflux seed pobvue`: each stay request goes through
 * the transitions of its journey (`$transitions`) once created, so the demo shows every state.
 */
export default function seed() {
  const { seed, journeys } = generatePobvue();
  const steps = new Map(journeys.map((j) => [j.externalId, j.transitions]));
  const order = new Map(journeys.map((j, i) => [j.externalId, i]));
  // In the journeys' order: those that hold capacity (approved, on site) go first.
  const stay_request = [...seed.stay_request]
    .sort((a, b) => (order.get(a.external_id as string) ?? 0) - (order.get(b.external_id as string) ?? 0))
    // Employers from the tiers demo data, seeded before this bundle.
    .map((r, i) => ({
      ...r,
      employer: { $ref: `TIERS-CO-${String((i % 20) + 1).padStart(4, '0')}` },
      $transitions: steps.get(r.external_id as string) ?? [],
    }));
  return { ...seed, stay_request };
}
