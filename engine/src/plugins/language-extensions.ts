import jsonLogic from 'json-logic-js';

/*
 * What loaded plugins add to the definition language: json-logic operations, field formats and
 * the names of their automation actions. json-logic-js keeps one table of operations per
 * process, and bundle validation is a pure function of the bundle, so these tables are
 * process-wide too: the validator reads them, the write pipeline reads the formats. Every entry
 * is claimed by a plugin and released when the engine that loaded it closes; two engines of one
 * process loading the same plugin module share its entries.
 */

/** A text format of `string` fields, provided by a plugin. */
export interface FieldFormat {
  /** `<plugin>.<name>` */
  name: string;
  plugin: string;
  /** For messages: `must be a valid IBAN`. */
  label: string;
  normalize?: (value: string) => string;
  validate: (value: string) => true | string;
}

export type Operation = (...args: unknown[]) => unknown;

/** Everything one plugin adds, by qualified name. */
export interface Extensions {
  operations: ReadonlyMap<string, Operation>;
  formats: ReadonlyMap<string, FieldFormat>;
  actions: readonly string[];
}

interface Claim<T> {
  owner: object;
  value: T;
  count: number;
}

const operations = new Map<string, Claim<Operation>>();
const formats = new Map<string, Claim<FieldFormat>>();
const actions = new Map<string, Claim<true>>();

function conflicts<T>(table: Map<string, Claim<T>>, owner: object, names: Iterable<string>): string[] {
  return [...names].filter((n) => {
    const c = table.get(n);
    return c !== undefined && c.owner !== owner;
  });
}

function take<T>(table: Map<string, Claim<T>>, owner: object, name: string, value: T): boolean {
  const c = table.get(name);
  if (c) {
    c.count++;
    return false;
  }
  table.set(name, { owner, value, count: 1 });
  return true;
}

function give<T>(table: Map<string, Claim<T>>, name: string): boolean {
  const c = table.get(name)!;
  if (--c.count > 0) return false;
  table.delete(name);
  return true;
}

/**
 * Registers a plugin's extensions, all or none: a name another plugin (another module) holds
 * is an error. `owner` identifies the plugin (its definition object). Returns the release.
 */
export function claimExtensions(owner: object, ext: Extensions): () => void {
  const taken = [
    ...conflicts(operations, owner, ext.operations.keys()).map((n) => `the rule operation "${n}"`),
    ...conflicts(formats, owner, ext.formats.keys()).map((n) => `the field format "${n}"`),
    ...conflicts(actions, owner, ext.actions).map((n) => `the action "${n}"`),
  ];
  if (taken.length) throw new Error(`another plugin already provides ${taken.join(', ')}`);
  for (const [name, fn] of ext.operations) if (take(operations, owner, name, fn)) jsonLogic.add_operation(name, fn);
  for (const [name, f] of ext.formats) take(formats, owner, name, f);
  for (const name of ext.actions) take(actions, owner, name, true);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    for (const name of ext.operations.keys()) if (give(operations, name)) jsonLogic.rm_operation(name);
    for (const name of ext.formats.keys()) give(formats, name);
    for (const name of ext.actions) give(actions, name);
  };
}

/** The format a loaded plugin provides under `name`. */
export function fieldFormat(name: string): FieldFormat | undefined {
  return formats.get(name)?.value;
}

/** Whether a loaded plugin provides the automation action `name` (`<plugin>.<action>`). */
export function hasPluginAction(name: string): boolean {
  return actions.has(name);
}

/** The plugin part of a qualified name: `iban` of `iban.valid`. */
export const pluginOf = (name: string) => name.slice(0, name.indexOf('.'));
