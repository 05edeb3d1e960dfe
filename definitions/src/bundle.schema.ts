import type { I18nText } from './i18n.ts';
import { BUNDLE_NAME_PATTERN, MAX_BUNDLE_NAME } from './names.ts';

/** bundle.json: the manifest of a definition bundle. */
export interface BundleManifest {
  $schema?: string;
  name: string;
  version: string;
  title: I18nText;
  description?: I18nText;
  /** Other bundles this one needs, with a semver range each: `{ "crm": "^1.0.0" }`. */
  dependencies?: Record<string, string>;
}

// Semver 2.0.0, as published at semver.org.
export const SEMVER_PATTERN =
  '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$';

export const bundleSchema = {
  $id: 'opsflux:bundle',
  title: 'Bundle manifest',
  type: 'object',
  required: ['name', 'version', 'title'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string', pattern: BUNDLE_NAME_PATTERN, maxLength: MAX_BUNDLE_NAME },
    version: { type: 'string', pattern: SEMVER_PATTERN },
    title: { $ref: 'opsflux:i18n-text' },
    description: { $ref: 'opsflux:i18n-text' },
    dependencies: {
      type: 'object',
      propertyNames: { pattern: BUNDLE_NAME_PATTERN },
      additionalProperties: { type: 'string', minLength: 1 },
    },
  },
} as const;
