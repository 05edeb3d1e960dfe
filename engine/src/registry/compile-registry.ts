import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { compileRoles } from '../access/compile-permissions.ts';
import { compileAutomations } from '../automations/compile-automations.ts';
import type { Bundle } from '../bundles/bundle-types.ts';
import { compileTemplate, type CompiledTemplate } from '../mail/compile-template.ts';
import { compileEntity } from './compile-entity.ts';
import type { CompiledEntity, Registry } from './registry-types.ts';

let nextVersion = 1;

/** Builds the immutable registry from the applied bundles. */
export function compileRegistry(input: Iterable<Bundle>): Registry {
  const bundles = [...input];
  const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false });
  addFormats.default(ajv);
  const byName = new Map<string, Bundle>();
  const entities = new Map<string, CompiledEntity>();
  const templates = new Map<string, CompiledTemplate>();
  for (const bundle of bundles) {
    byName.set(bundle.manifest.name, bundle);
    for (const def of bundle.entities) {
      const wf = bundle.workflows.find((w) => w.entity === def.name);
      const compiled = compileEntity(
        bundle.manifest.name,
        def,
        ajv,
        wf && { def: wf, bundleVersion: bundle.manifest.version },
      );
      entities.set(compiled.key, compiled);
    }
    for (const def of bundle.templates) {
      const compiled = compileTemplate(bundle.manifest.name, def);
      templates.set(compiled.key, compiled);
    }
  }
  return Object.freeze({
    version: nextVersion++,
    bundles: byName,
    entities,
    roles: compileRoles(bundles),
    automations: compileAutomations(bundles),
    templates,
    entity: (bundle: string, name: string) => entities.get(`${bundle}.${name}`),
  });
}

/**
 * Holds the current registry. A request reads `current` once at its start and keeps that
 * snapshot, so an apply that swaps the registry never changes the rules under its feet.
 */
export class RegistryHolder {
  #current: Registry;
  constructor(initial: Registry) {
    this.#current = initial;
  }
  get current(): Registry {
    return this.#current;
  }
  swap(next: Registry): void {
    this.#current = next;
  }
}
