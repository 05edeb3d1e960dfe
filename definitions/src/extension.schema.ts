import type { FieldDefinition } from './field-types/index.ts';
import type { I18nText } from './i18n.ts';
import { MAX_ENTITY_NAME, NAME_PATTERN } from './names.ts';

/**
 * Fields a bundle adds to an entity of another bundle it depends on (`extensions/<name>.json`).
 * The fields live on the target's table and show wherever the target's own fields do; the
 * target bundle's upgrades leave them alone, and uninstalling this bundle removes them.
 */
export interface ExtensionDefinition {
  $schema?: string;
  name: string;
  /** The extended entity, as `<bundle>.<entity>`: the bundle must be a dependency. */
  entity: string;
  description?: I18nText;
  /** Field definitions, written as in an entity (`renamedFrom` renames one). */
  fields: FieldDefinition[];
}

/** An entity of another bundle: `<bundle>.<entity>`, always qualified. */
export const EXTENSION_TARGET_PATTERN = '^[a-z][a-z0-9]*\\.[a-z][a-z0-9_]*$';

export const extensionSchema = {
  $id: 'opsflux:extension',
  title: 'Extension definition',
  type: 'object',
  required: ['name', 'entity', 'fields'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string', pattern: NAME_PATTERN, maxLength: MAX_ENTITY_NAME * 2 },
    entity: { type: 'string', pattern: EXTENSION_TARGET_PATTERN, maxLength: 64 },
    description: { $ref: 'opsflux:i18n-text' },
    fields: { type: 'array', minItems: 1, maxItems: 200, items: { $ref: 'opsflux:field' } },
  },
};
