import { generateMocvueSeed } from './generate.ts';

/** Demo data loaded by `npm start` and `opsflux seed mocvue`. */
export default function seed() {
  return generateMocvueSeed();
}
