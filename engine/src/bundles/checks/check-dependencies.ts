import semver from 'semver';
import type { BundleIssue } from '../bundle-types.ts';
import type { BundleCheck } from './check-context.ts';

/** Dependency ranges parse and are met by the bundles available. */
export const checkDependencies: BundleCheck = ({ manifest, available }) => {
  const issues: BundleIssue[] = [];
  for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
    const pointer = `/dependencies/${name}`;
    const say = (code: string, message: string) => issues.push({ file: 'bundle.json', pointer, code, message });
    if (name === manifest.name) {
      say('dependency.self', 'A bundle cannot depend on itself');
      continue;
    }
    if (!semver.validRange(range)) {
      say('dependency.range', `"${range}" is not a version range; write for example "^1.0.0" or ">=1.2 <2"`);
      continue;
    }
    const dep = available.get(name);
    if (!dep)
      say(
        'dependency.missing',
        `The bundle "${name}" is required (${range}) but is neither installed nor being applied`,
      );
    else if (!semver.satisfies(dep.manifest.version, range)) {
      say(
        'dependency.version',
        `The bundle "${name}" is at version ${dep.manifest.version}, which does not satisfy "${range}"`,
      );
    }
  }
  return issues;
};
