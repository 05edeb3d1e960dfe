import { generatePobvueSeed } from './generate.ts';

/** Demo data loaded by `npm start` and `opsflux seed pobvue`. */
export default function seed() {
  return generatePobvueSeed();
}
