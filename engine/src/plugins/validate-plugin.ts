import semver from 'semver';
import type { PluginDefinition } from '../plugin-api.ts';

/** `iban`, `unit-convert`: the name is also a URL segment and the prefix of everything the plugin adds. */
export const PLUGIN_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const MAX_PLUGIN_NAME = 40;
/** Names of actions, operations and field types within a plugin (as the automation language accepts them). */
export const PLUGIN_ITEM_NAME = /^[a-z][a-zA-Z0-9_]*$/;
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** Literal segments and `:params`; no wildcards or regular expressions. */
const ROUTE_PATH = /^(?:\/(?:[A-Za-z0-9_.~-]+|:[A-Za-z_][A-Za-z0-9_]*))+$|^\/$/;

const KEYS = ['name', 'version', 'description', 'setup', 'actions', 'ruleOperations', 'fieldTypes', 'routes'];
const FIELD_TYPE_KEYS = ['label', 'normalize', 'validate'];
const ROUTE_KEYS = ['method', 'path', 'handler'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFunction = (v: unknown): v is (...args: unknown[]) => unknown => typeof v === 'function';
const isAsync = (v: unknown) => isFunction(v) && v.constructor.name === 'AsyncFunction';
const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : Array.isArray(v) ? 'a list' : String(typeof v));

/**
 * What is wrong with a module's default export as a plugin, one sentence per problem, each
 * starting with where (`ruleOperations.valid: ...`). Empty when it is a plugin.
 */
export function pluginProblems(value: unknown): string[] {
  if (!isObject(value))
    return [`the module's default export is ${show(value)}, not a plugin: export default definePlugin({ ... })`];
  const out: string[] = [];
  const say = (where: string, message: string) => out.push(`${where}: ${message}`);
  for (const k of Object.keys(value)) {
    if (!KEYS.includes(k)) say(k, `is not a plugin property (a plugin has ${KEYS.join(', ')})`);
  }
  const { name, version } = value;
  if (typeof name !== 'string' || !PLUGIN_NAME.test(name) || name.length > MAX_PLUGIN_NAME)
    say(
      'name',
      `must be lowercase letters and digits, words joined by dashes, at most ${MAX_PLUGIN_NAME} characters (like "unit-convert"), got ${show(name)}`,
    );
  if (typeof version !== 'string' || !semver.valid(version))
    say('version', `must be a semantic version like "1.0.0", got ${show(version)}`);
  if (value.description !== undefined && typeof value.description !== 'string') say('description', 'must be a text');
  if (value.setup !== undefined && !isFunction(value.setup)) say('setup', 'must be a function');

  items(value, 'actions', say, (where, v) => {
    if (!isFunction(v)) say(where, 'must be a function (ctx) => outcome');
  });
  items(value, 'ruleOperations', say, (where, v) => {
    if (!isFunction(v)) say(where, 'must be a function (...args) => value');
    else if (isAsync(v)) say(where, 'must be synchronous: rules are evaluated while a record is written');
  });
  items(value, 'fieldTypes', say, (where, v) => {
    if (!isObject(v)) return say(where, 'must be an object { label?, normalize?, validate }');
    for (const k of Object.keys(v)) {
      if (!FIELD_TYPE_KEYS.includes(k))
        say(`${where}.${k}`, `is not a field type property (${FIELD_TYPE_KEYS.join(', ')})`);
    }
    if (v.label !== undefined && typeof v.label !== 'string') say(`${where}.label`, 'must be a text');
    for (const fn of ['validate', 'normalize'] as const) {
      if (v[fn] === undefined && fn === 'normalize') continue;
      if (!isFunction(v[fn])) say(`${where}.${fn}`, 'must be a function (value: string) => ...');
      else if (isAsync(v[fn])) say(`${where}.${fn}`, 'must be synchronous');
    }
  });
  routes(value.routes, say);
  return out;
}

function items(
  value: Record<string, unknown>,
  key: 'actions' | 'ruleOperations' | 'fieldTypes',
  say: (where: string, message: string) => void,
  check: (where: string, v: unknown) => void,
) {
  const table = value[key];
  if (table === undefined) return;
  if (!isObject(table)) return say(key, 'must be an object of named entries');
  for (const [name, v] of Object.entries(table)) {
    if (!PLUGIN_ITEM_NAME.test(name) || name.length > 60)
      say(`${key}.${name}`, 'the name must start with a lowercase letter, then letters, digits or "_"');
    check(`${key}.${name}`, v);
  }
}

function routes(value: unknown, say: (where: string, message: string) => void) {
  if (value === undefined) return;
  if (!Array.isArray(value)) return say('routes', 'must be a list of { method, path, handler }');
  const seen = new Set<string>();
  value.forEach((r: unknown, i) => {
    const where = `routes[${i}]`;
    if (!isObject(r)) return say(where, 'must be an object { method, path, handler }');
    for (const k of Object.keys(r)) if (!ROUTE_KEYS.includes(k)) say(`${where}.${k}`, 'is not a route property');
    if (!HTTP_METHODS.includes(r.method as never))
      say(`${where}.method`, `must be one of ${HTTP_METHODS.join(', ')}, got ${show(r.method)}`);
    if (typeof r.path !== 'string' || !ROUTE_PATH.test(r.path))
      say(`${where}.path`, `must be a path like "/check" or "/rates/:code", got ${show(r.path)}`);
    if (!isFunction(r.handler)) say(`${where}.handler`, 'must be a function (request) => answer');
    const key = `${String(r.method)} ${String(r.path)}`;
    if (seen.has(key)) say(where, `${key} is declared twice`);
    seen.add(key);
  });
}

/** The definition, once `pluginProblems` found nothing. */
export function asPlugin(value: unknown): PluginDefinition {
  const problems = pluginProblems(value);
  if (problems.length) throw new Error(`not a valid plugin: ${problems.join('; ')}`);
  return value as PluginDefinition;
}
