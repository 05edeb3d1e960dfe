import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { compileRoles } from '../access/compile-permissions.ts';
import { compileAutomations } from '../automations/compile-automations.ts';
import type { Bundle } from '../bundles/bundle-types.ts';
import { withExtensions } from '../extensions/merge-extensions.ts';
import { compileTemplate, type CompiledTemplate } from '../mail/compile-template.ts';
import { compileUi } from '../ui-meta/compile-ui.ts';
import type { WorkflowDefinition } from '@opsflux/definitions';
import { compileEntity, compileWorkflow } from './compile-entity.ts';
import type { CompiledEntity, CompiledWorkflow, Registry } from './registry-types.ts';

let nextVersion = 1;

/** Workflows of earlier versions of a bundle, still run by the records that started under them. */
export type WorkflowHistory = ReadonlyMap<string, { version: string; workflows: WorkflowDefinition[] }[]>;

/** Builds the immutable registry from the applied bundles (and the workflows of their earlier versions). */
export function compileRegistry(input: Iterable<Bundle>, history: WorkflowHistory = new Map()): Registry {
  const originals = [...input];
  // Extension fields join the entities they extend (and their forms); `bundles` of the registry
  // keeps each bundle as written.
  const bundles = withExtensions(originals);
  const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false });
  addFormats.default(ajv);
  const byName = new Map<string, Bundle>();
  const entities = new Map<string, CompiledEntity>();
  const templates = new Map<string, CompiledTemplate>();
  for (const bundle of originals) byName.set(bundle.manifest.name, bundle);
  for (const bundle of bundles) {
    for (const def of bundle.entities) {
      const wf = bundle.workflows.find((w) => w.entity === def.name);
      const compiled = compileEntity(
        bundle.manifest.name,
        def,
        ajv,
        wf && { def: wf, bundleVersion: bundle.manifest.version },
      );
      if (compiled.workflow) {
        const versions = new Map<string, CompiledWorkflow>();
        for (const past of history.get(bundle.manifest.name) ?? []) {
          const old = past.workflows.find((w) => w.entity === def.name);
          if (old) versions.set(past.version, compileWorkflow(old, past.version));
        }
        versions.set(bundle.manifest.version, compiled.workflow);
        entities.set(compiled.key, { ...compiled, workflowVersions: versions });
      } else entities.set(compiled.key, compiled);
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
    ui: compileUi(bundles, entities),
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
