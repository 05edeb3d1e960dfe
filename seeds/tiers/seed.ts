import { generateTiersSeed } from './generate.ts';

/** Demo data loaded by `npm start` and `opsflux seed tiers`. */
export default function seed() {
  return generateTiersSeed();
}
