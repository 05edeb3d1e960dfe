import { generateCoreSeed } from './generate.ts';

/** Demo data loaded by `npm start` and `opsflux seed core`. */
export default function seed() {
  return generateCoreSeed();
}
