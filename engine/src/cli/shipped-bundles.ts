import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Shipped bundles: every folder of the bundles directory holding a bundle.json. */
export function shippedBundles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((d) => path.join(dir, d))
    .filter((d) => existsSync(path.join(d, 'bundle.json')))
    .sort();
}
