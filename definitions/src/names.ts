/**
 * Names of bundles, entities and fields become SQL identifiers and URL segments, so they are
 * lowercase snake_case and short enough that `<bundle>_<entity>__<field>` fits PostgreSQL's
 * 63-byte identifier limit.
 */
export const NAME_PATTERN = '^[a-z][a-z0-9_]*$';
export const BUNDLE_NAME_PATTERN = '^[a-z][a-z0-9]*$';
/** A definition of this bundle (`<name>`) or of another one (`<bundle>.<name>`). */
export const QUALIFIED_NAME_PATTERN = '^([a-z][a-z0-9]*\\.)?[a-z][a-z0-9_]*$';
export const MAX_BUNDLE_NAME = 20;
export const MAX_ENTITY_NAME = 20;
export const MAX_FIELD_NAME = 20;

/** Columns every entity table has, in the order records show them. */
export const SYSTEM_COLUMNS = [
  'id',
  'external_id',
  'created_at',
  'updated_at',
  'created_by',
  'updated_by',
  'deleted_at',
  'deleted_by',
  'version',
] as const;

/** Column names a field may not take: the system columns and those some tables add. */
export const RESERVED_COLUMNS = [...SYSTEM_COLUMNS, 'company_id', 'state', 'search_text'] as const;
