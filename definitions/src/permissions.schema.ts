import type { I18nText } from './i18n.ts';
import { NAME_PATTERN } from './names.ts';

/** What a grant allows on an entity's records. `transition:<name>` arrives with workflows. */
export const PERMISSION_ACTIONS = ['read', 'create', 'update', 'delete', 'restore', 'export', 'import'] as const;
export type PermissionAction = (typeof PERMISSION_ACTIONS)[number] | `transition:${string}`;

/**
 * Which records a grant covers: every record, those of the companies where the user holds the
 * role, those created by members of the user's department, or those the user created.
 */
export const PERMISSION_SCOPES = ['all', 'company', 'department', 'own'] as const;
export type PermissionScope = (typeof PERMISSION_SCOPES)[number];

/** Operators a grant condition may use: those that read the same in SQL and on a record. */
export const PERMISSION_CONDITION_OPERATORS = ['$eq', '$ne', '$lt', '$lte', '$gt', '$gte', '$in', '$nin'] as const;

/**
 * Attributes of the acting user a condition may compare with, written `{ "$user": "id" }`.
 * An attribute without a value (no department) makes the grant match nothing.
 */
export const PERMISSION_USER_ATTRIBUTES = ['id', 'email', 'departmentId', 'companyIds', 'groupIds'] as const;

export interface RoleDefinition {
  /** `viewer` here; the role's code is `<bundle>.viewer`. */
  name: string;
  label: I18nText;
  description?: I18nText;
  /** Roles whose grants this one also has: own bundle's (`viewer`) or a dependency's (`core.viewer`). */
  inherits?: string[];
  /** Users holding this role must sign in with a second factor. */
  mfaRequired?: boolean;
}

export interface GrantDefinition {
  role: string;
  /** An entity of this bundle (`account`) or of a dependency (`core.site`). */
  entity: string;
  actions: PermissionAction[];
  scope: PermissionScope;
  /** Narrows the scope further, in the data API's filter language over the entity's own fields. */
  condition?: Record<string, unknown>;
  /** Fields this grant does not let the role read (nor filter, sort or search on). */
  hiddenFields?: string[];
  /** Fields this grant does not let the role write. */
  readonlyFields?: string[];
}

export interface PermissionsDefinition {
  $schema?: string;
  name: string;
  description?: I18nText;
  roles?: RoleDefinition[];
  grants?: GrantDefinition[];
}

const roleRef = { type: 'string', pattern: '^([a-z][a-z0-9]*\\.)?[a-z][a-z0-9_]*$', maxLength: 64 } as const;
const fieldList = {
  type: 'array',
  items: { type: 'string', pattern: NAME_PATTERN, maxLength: 64 },
  uniqueItems: true,
  maxItems: 500,
} as const;

export const permissionsSchema = {
  $id: 'opsflux:permissions',
  type: 'object',
  description: 'Roles of a bundle and what they may do on entities',
  required: ['name'],
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string', pattern: NAME_PATTERN, maxLength: 64 },
    description: { $ref: 'opsflux:i18n-text' },
    roles: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        required: ['name', 'label'],
        properties: {
          name: { type: 'string', pattern: NAME_PATTERN, maxLength: 40 },
          label: { $ref: 'opsflux:i18n-text' },
          description: { $ref: 'opsflux:i18n-text' },
          inherits: { type: 'array', items: roleRef, uniqueItems: true, maxItems: 50 },
          mfaRequired: { type: 'boolean' },
        },
        additionalProperties: false,
      },
    },
    grants: {
      type: 'array',
      maxItems: 2000,
      items: {
        type: 'object',
        required: ['role', 'entity', 'actions', 'scope'],
        properties: {
          role: roleRef,
          entity: { type: 'string', pattern: '^([a-z][a-z0-9]*\\.)?[a-z][a-z0-9_]*$', maxLength: 64 },
          actions: {
            type: 'array',
            minItems: 1,
            uniqueItems: true,
            items: {
              anyOf: [
                { enum: [...PERMISSION_ACTIONS] },
                { type: 'string', pattern: `^transition:${NAME_PATTERN.slice(1)}`, maxLength: 80 },
              ],
            },
          },
          scope: { enum: [...PERMISSION_SCOPES] },
          condition: { type: 'object' },
          hiddenFields: fieldList,
          readonlyFields: fieldList,
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;

/**
 * A permission test a bundle ships in `permissions/tests/*.json`: the suite and `opsflux
 * test-permissions` run every case against a scratch database.
 */
export interface PermissionTestCase {
  name: string;
  /** Roles of the user in company `company` (a name local to the test: `A`, `B`). */
  user: { roles: string[]; company: string; department?: string; self?: boolean };
  entity: string;
  /** The sample record, created in company `record.company` (default: the user's). */
  record?: { company?: string; department?: string; createdBySelf?: boolean; values: Record<string, unknown> };
  action: PermissionAction;
  expect: 'allow' | 'deny';
  /** Fields expected visible or hidden when reading the record. */
  visibleFields?: string[];
  hiddenFields?: string[];
}

export interface PermissionTestFile {
  $schema?: string;
  cases: PermissionTestCase[];
}

export const permissionTestSchema = {
  $id: 'opsflux:permission-tests',
  type: 'object',
  required: ['cases'],
  properties: {
    $schema: { type: 'string' },
    cases: {
      type: 'array',
      minItems: 1,
      maxItems: 1000,
      items: {
        type: 'object',
        required: ['name', 'user', 'entity', 'action', 'expect'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 200 },
          user: {
            type: 'object',
            required: ['roles', 'company'],
            properties: {
              roles: { type: 'array', items: roleRef, maxItems: 20 },
              company: { type: 'string', pattern: '^[A-Za-z0-9_]{1,16}$' },
              department: { type: 'string', pattern: '^[A-Za-z0-9_]{1,16}$' },
            },
            additionalProperties: false,
          },
          entity: { type: 'string', pattern: '^([a-z][a-z0-9]*\\.)?[a-z][a-z0-9_]*$' },
          record: {
            type: 'object',
            required: ['values'],
            properties: {
              company: { type: 'string', pattern: '^[A-Za-z0-9_]{1,16}$' },
              department: { type: 'string', pattern: '^[A-Za-z0-9_]{1,16}$' },
              createdBySelf: { type: 'boolean' },
              values: { type: 'object' },
            },
            additionalProperties: false,
          },
          action: {
            type: 'string',
            pattern: '^(read|create|update|delete|restore|export|import|transition:[a-z][a-z0-9_]*)$',
          },
          expect: { enum: ['allow', 'deny'] },
          visibleFields: fieldList,
          hiddenFields: fieldList,
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;
