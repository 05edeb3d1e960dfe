import { generateMocvue } from './generate.ts';

/**
 * Demo data loaded by `npm start` and `opsflux seed mocvue`: each change request goes through
 * the transitions of its journey (`$transitions`) once created, so the demo shows every state.
 */
export default function seed() {
  const { seed, journeys } = generateMocvue();
  const steps = new Map(journeys.map((j) => [j.externalId, j.transitions]));
  const order = new Map(journeys.map((j, i) => [j.externalId, i]));
  // In the journeys' order: those that hold capacity (approved, on site) go first.
  const change_request = [...seed.change_request]
    .sort((a, b) => (order.get(a.external_id as string) ?? 0) - (order.get(b.external_id as string) ?? 0))
    .map((r) => ({ ...r, $transitions: steps.get(r.external_id as string) ?? [] }));
  return { ...seed, change_request };
}
