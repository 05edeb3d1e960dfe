import type {
  EntityDefinition,
  FieldDefinition,
  SequencePart,
  StateDefinition,
  TransitionDefinition,
  WorkflowDefinition,
} from '@opsflux/definitions';
import type { ValidateFunction } from 'ajv';
import type { CompiledRole } from '../access/compile-permissions.ts';
import type { AutomationIndex } from '../automations/compile-automations.ts';
import type { Bundle } from '../bundles/bundle-types.ts';
import type { FilterOperator } from '../fields/index.ts';
import type { CompiledTemplate } from '../mail/compile-template.ts';
import type { UiIndex } from '../ui-meta/compile-ui.ts';

export interface CompiledField {
  name: string;
  def: FieldDefinition;
  /** Column in the entity table; undefined for many-to-many fields. */
  column?: string;
  operators: ReadonlySet<FilterOperator>;
  sortable: boolean;
  writable: boolean;
  /** Target entity key (`bundle.entity`) of reference fields. */
  target?: string;
  /** Join table of many-to-many fields. */
  joinTable?: string;
  valueSchema: Record<string, unknown>;
  toDb?: (v: unknown) => unknown;
}

/** The workflow governing an entity's `state`, with its states and transitions by name. */
export interface CompiledWorkflow {
  def: WorkflowDefinition;
  /** Version of the bundle the workflow came with, written into each history step. */
  bundleVersion: string;
  initial: string;
  states: ReadonlyMap<string, StateDefinition>;
  transitions: ReadonlyMap<string, TransitionDefinition>;
}

export interface CompiledEntity {
  /** `bundle.entity` */
  key: string;
  bundle: string;
  name: string;
  table: string;
  def: EntityDefinition;
  fields: ReadonlyMap<string, CompiledField>;
  /** Columns selected for a record, system columns included. */
  columns: string[];
  requiredFields: string[];
  /** Fields read by the rules and computed expressions. */
  logicReads: ReadonlySet<string>;
  /** Fields and system columns a list may sort by (the indexed ones). */
  sortable: ReadonlySet<string>;
  searchable: boolean;
  /** Fields the full-text search covers. */
  searchFields: string[];
  sequence?: { field: string; parts: SequencePart[]; key: string };
  workflow?: CompiledWorkflow;
  /**
   * Every version of the workflow records may still run under, by bundle version (the current
   * one included): a record keeps the version it started with until a migration moves it.
   */
  workflowVersions?: ReadonlyMap<string, CompiledWorkflow>;
  /** JSON Schema of a record as the API returns it (forms, OpenAPI). */
  recordSchema: Record<string, unknown>;
  /** JSON Schema of a write payload (all fields optional; required ones checked on create). */
  inputSchema: Record<string, unknown>;
  /** AJV validator of a write payload, compiled on first use. */
  validator(): ValidateFunction;
}

/** An immutable snapshot of everything the engine serves, swapped as a whole after each apply. */
export interface Registry {
  /** Increases with every swap; lets caches key on it. */
  version: number;
  bundles: ReadonlyMap<string, Bundle>;
  entities: ReadonlyMap<string, CompiledEntity>;
  /** Roles of every bundle by code (`crm.viewer`). */
  roles: ReadonlyMap<string, CompiledRole>;
  /** E-mail templates of every bundle by key (`crm.welcome`), compiled once. */
  templates: ReadonlyMap<string, CompiledTemplate>;
  /** Automations of every bundle, indexed by key, by entity and for the scheduler. */
  automations: AutomationIndex;
  /** Views, forms (with a default one per entity that has none) and menus, for the apps. */
  ui: UiIndex;
  entity(bundle: string, name: string): CompiledEntity | undefined;
}
