import type { I18nText } from './i18n.ts';
import { NAME_PATTERN, QUALIFIED_NAME_PATTERN } from './names.ts';

/**
 * A navigation tree of the apps' sidebar (`menus/<name>.json`). Each item opens a view, a form
 * or a page of the app, or groups other items. Users see only the items they may use: a view
 * of an entity they may read, a form of an entity they may create.
 */
export interface MenuItem {
  name: string;
  label: I18nText;
  icon?: string;
  /** `<view>` of this bundle or `<bundle>.<view>`. */
  view?: string;
  /** `<form>` of this bundle or `<bundle>.<form>`: opens a new record in that form. */
  form?: string;
  /** A page of the app, such as `/notifications`. */
  url?: string;
  children?: MenuItem[];
}

export interface MenuDefinition {
  $schema?: string;
  name: string;
  label: I18nText;
  icon?: string;
  /** Menus are shown by increasing order (then label); absent sorts last. */
  order?: number;
  items: MenuItem[];
}

/** Items nest at most this deep (an item with children, their children, and theirs). */
export const MAX_MENU_DEPTH = 3;
/** A Material Symbols name, in snake_case: `business`, `local_shipping`. */
export const ICON_PATTERN = '^[a-z][a-z0-9_]*$';
/** A path of the app: starts with one `/`, no scheme, no host, no spaces. */
export const RELATIVE_URL_PATTERN = '^/(?![/\\\\])[^\\s]*$';

const name = { type: 'string', pattern: NAME_PATTERN, maxLength: 40 } as const;
const icon = { type: 'string', pattern: ICON_PATTERN, maxLength: 60 } as const;
const ref = { type: 'string', pattern: QUALIFIED_NAME_PATTERN, maxLength: 64 } as const;

export const menuSchema = {
  $id: 'opsflux:menu',
  type: 'object',
  description: 'A navigation tree: items open views, forms or app pages, or group other items',
  required: ['name', 'label', 'items'],
  properties: {
    $schema: { type: 'string' },
    name,
    label: { $ref: 'opsflux:i18n-text' },
    icon,
    order: { type: 'integer', minimum: -10_000, maximum: 10_000 },
    items: { type: 'array', minItems: 1, maxItems: 100, items: { $ref: '#/$defs/item' } },
  },
  additionalProperties: false,
  $defs: {
    item: {
      type: 'object',
      required: ['name', 'label'],
      properties: {
        name,
        label: { $ref: 'opsflux:i18n-text' },
        icon,
        view: ref,
        form: ref,
        url: { type: 'string', pattern: RELATIVE_URL_PATTERN, maxLength: 500 },
        children: { type: 'array', minItems: 1, maxItems: 100, items: { $ref: '#/$defs/item' } },
      },
      additionalProperties: false,
    },
  },
} as const;
