import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ActionHandler } from '../automations/actions.ts';
import type { Logger } from '../logger.ts';
import type { PluginDefinition, PluginRoute } from '../plugin-api.ts';
import { claimExtensions, type FieldFormat, type Operation } from './language-extensions.ts';
import { pluginActionHandler } from './plugin-actions.ts';
import { asPlugin } from './validate-plugin.ts';

/** How loading one entry of `PLUGINS` went, for the log and `GET /api/v1/admin/plugins`. */
export interface PluginStatus {
  /** The plugin's name; the entry of `PLUGINS` when the module could not be read. */
  name: string;
  version: string | null;
  specifier: string;
  status: 'loaded' | 'failed';
  error?: string;
  provides: { actions: string[]; ruleOperations: string[]; fieldTypes: string[]; routes: string[] };
}

export interface LoadedRoute {
  plugin: string;
  route: PluginRoute;
  log: Logger;
}

const SETUP_TIMEOUT_MS = 10_000;
const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** The plugins one engine loaded: their action handlers and routes, and the release of their extensions. */
export class PluginHost {
  readonly statuses: PluginStatus[] = [];
  readonly actions = new Map<string, ActionHandler>();
  readonly routes: LoadedRoute[] = [];
  readonly #releases: (() => void)[] = [];

  /** Takes back what the plugins added to the language. */
  close(): void {
    for (const release of this.#releases.splice(0)) release();
  }

  /** Registers a checked plugin; throws (having registered nothing) when it cannot be. */
  async add(specifier: string, def: PluginDefinition, deps: PluginDeps): Promise<PluginStatus> {
    if (this.statuses.some((s) => s.status === 'loaded' && s.name === def.name))
      throw new Error(`a plugin named "${def.name}" is already loaded`);
    const log = deps.log.child({ plugin: def.name });
    if (def.setup) await withTimeout(Promise.resolve(def.setup({ log, variable: variableOf(def.name, deps) })));
    const q = (n: string) => `${def.name}.${n}`;
    const operations = new Map<string, Operation>(
      Object.entries(def.ruleOperations ?? {}).map(([n, fn]) => [q(n), safeOperation(q(n), fn, log)]),
    );
    const formats = new Map<string, FieldFormat>(
      Object.entries(def.fieldTypes ?? {}).map(([n, t]) => [
        q(n),
        { name: q(n), plugin: def.name, label: t.label ?? q(n), validate: t.validate, normalize: t.normalize },
      ]),
    );
    const actions = Object.keys(def.actions ?? {}).map(q);
    this.#releases.push(claimExtensions(def, { operations, formats, actions }));
    for (const [n, run] of Object.entries(def.actions ?? {}))
      this.actions.set(`plugin:${q(n)}`, pluginActionHandler(q(n), run, log));
    for (const route of def.routes ?? []) this.routes.push({ plugin: def.name, route, log });
    const status: PluginStatus = {
      name: def.name,
      version: def.version,
      specifier,
      status: 'loaded',
      provides: {
        actions,
        ruleOperations: [...operations.keys()],
        fieldTypes: [...formats.keys()],
        routes: (def.routes ?? []).map((r) => `${r.method} /api/v1/plugins/${def.name}${r.path === '/' ? '' : r.path}`),
      },
    };
    this.statuses.push(status);
    return status;
  }
}

export interface PluginDeps {
  log: Logger;
  /** The environment's variables, as the configuration reads them. */
  variable(name: string): string | undefined;
  /** Where relative paths are looked for first (then the repository root). */
  cwd?: string;
}

/**
 * Loads the plugins named by `PLUGINS`, in order. A plugin that cannot be imported, is not a
 * valid plugin or fails to register is logged and listed as failed; the others load and the
 * engine starts all the same.
 */
export async function loadPlugins(specifiers: readonly string[], deps: PluginDeps): Promise<PluginHost> {
  const host = new PluginHost();
  for (const specifier of specifiers) {
    let def: PluginDefinition | undefined;
    let name = specifier;
    try {
      const mod = (await import(resolveSpecifier(specifier, deps.cwd ?? process.cwd()))) as { default?: unknown };
      const value = mod.default;
      if (value && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string')
        name = (value as { name: string }).name;
      def = asPlugin(value);
      const status = await host.add(specifier, def, deps);
      deps.log.info({ plugin: status.name, version: status.version, provides: status.provides }, 'plugin loaded');
    } catch (err) {
      const reason = (err as Error)?.message ?? String(err);
      deps.log.error({ plugin: name, specifier, err }, `plugin ${name} left out: ${reason}`);
      host.statuses.push({
        name,
        version: def?.version ?? null,
        specifier,
        status: 'failed',
        error: reason,
        provides: { actions: [], ruleOperations: [], fieldTypes: [], routes: [] },
      });
    }
  }
  return host;
}

/**
 * A path (absolute, or relative to the working directory, then to the repository root) becomes
 * a file URL, a folder its entry file; anything else is a package name Node resolves.
 */
export function resolveSpecifier(specifier: string, cwd: string): string {
  const candidates = path.isAbsolute(specifier)
    ? [specifier]
    : [path.resolve(cwd, specifier), path.resolve(repoRoot, specifier)];
  const found = candidates.find((p) => existsSync(p));
  if (found) return pathToFileURL(entryOf(found)).href;
  if (path.isAbsolute(specifier) || specifier.startsWith('.'))
    throw new Error(`no file or folder "${specifier}" (looked in ${[...new Set(candidates)].join(' and ')})`);
  return specifier;
}

/** A folder's entry: its package.json `exports` or `main`, else index.ts or index.js. */
function entryOf(p: string): string {
  if (!statSync(p).isDirectory()) return p;
  const pkgFile = path.join(p, 'package.json');
  if (existsSync(pkgFile)) {
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports?: unknown; main?: string };
    const exp = typeof pkg.exports === 'string' ? pkg.exports : (pkg.exports as Record<string, unknown>)?.['.'];
    const entry = typeof exp === 'string' ? exp : pkg.main;
    if (entry) return path.join(p, entry);
  }
  const index = ['index.ts', 'index.js'].map((f) => path.join(p, f)).find((f) => existsSync(f));
  if (!index) throw new Error(`the folder ${p} has no package.json entry, index.ts or index.js`);
  return index;
}

/** A plugin reads only its own settings: `IBAN_*` for `iban`, `UNIT_CONVERT_*` for `unit-convert`. */
function variableOf(plugin: string, deps: PluginDeps) {
  const prefix = `${plugin.toUpperCase().replaceAll('-', '_')}_`;
  return (name: string) => {
    if (!name.startsWith(prefix))
      throw new Error(`a plugin reads only its own settings: "${name}" does not start with ${prefix}`);
    return deps.variable(name);
  };
}

/**
 * A rule operation as json-logic calls it: the arguments only (no `this`), and null instead of
 * a throw or a Promise, as the engine's own operations give null for what they cannot read.
 */
function safeOperation(name: string, fn: Operation, log: Logger): Operation {
  return (...args: unknown[]) => {
    try {
      const out = fn(...args);
      if (out && typeof (out as { then?: unknown }).then === 'function') {
        // Its rejection must not become an unhandled one.
        (out as Promise<unknown>).then(undefined, () => undefined);
        log.warn({ operation: name }, `rule operation ${name} returned a Promise: rule operations must be synchronous`);
        return null;
      }
      return out;
    } catch (err) {
      log.warn({ operation: name, err }, `rule operation ${name} threw: its value is null`);
      return null;
    }
  };
}

function withTimeout<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`setup did not finish within ${SETUP_TIMEOUT_MS / 1000} s`)),
      SETUP_TIMEOUT_MS,
    );
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
