import type {
  AutomationDefinition,
  BundleManifest,
  EntityDefinition,
  FieldDefinition,
  PermissionsDefinition,
  PermissionTestFile,
  TemplateDefinition,
  WorkflowDefinition,
} from '@opsflux/definitions';
import type { Bundle, BundleIssue } from '../bundle-types.ts';

export interface EntitySource {
  file: string;
  def: EntityDefinition;
}

/** What every cross-reference check sees: the bundle, schema-valid, and the other bundles known. */
export interface CheckContext {
  manifest: BundleManifest;
  entities: EntitySource[];
  permissions: { file: string; def: PermissionsDefinition }[];
  permissionTests: Record<string, PermissionTestFile>;
  workflows: { file: string; def: WorkflowDefinition }[];
  templates: { file: string; def: TemplateDefinition }[];
  automations: { file: string; def: AutomationDefinition }[];
  /** Other bundles (applied or loaded alongside), by name. */
  available: ReadonlyMap<string, Bundle>;
}

export type BundleCheck = (ctx: CheckContext) => BundleIssue[];

export function fieldPointer(entity: EntityDefinition, field: FieldDefinition): string {
  return `/fields/${entity.fields.indexOf(field)}`;
}

export function fieldNames(entity: EntityDefinition): Set<string> {
  return new Set(entity.fields.map((f) => f.name));
}
