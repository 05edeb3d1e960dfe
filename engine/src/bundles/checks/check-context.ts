import type {
  AutomationDefinition,
  BundleManifest,
  EntityDefinition,
  ExtensionDefinition,
  FieldDefinition,
  FormDefinition,
  MenuDefinition,
  PermissionsDefinition,
  PermissionTestFile,
  TemplateDefinition,
  ViewDefinition,
  WorkflowDefinition,
} from '@opsflux/definitions';
import { SYSTEM_COLUMNS } from '@opsflux/definitions';
import type { Bundle, BundleIssue } from '../bundle-types.ts';
import { extensionFields, extensionTarget, splitTarget } from '../../extensions/merge-extensions.ts';

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
  views: { file: string; def: ViewDefinition }[];
  forms: { file: string; def: FormDefinition }[];
  menus: { file: string; def: MenuDefinition }[];
  /** Fields this bundle adds to entities of its dependencies. */
  extensions: { file: string; def: ExtensionDefinition }[];
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

/** An entity with the workflow governing it, if any. */
export interface Resolved {
  entity: EntityDefinition;
  workflow?: WorkflowDefinition;
  /** The bundle it belongs to. */
  bundle: string;
}

/**
 * An entity of this bundle (`name`) or of a dependency (`bundle.name`), with its workflow; a
 * sentence saying why when there is none; undefined when the dependency is not at hand (the
 * dependency check reports that).
 */
export function resolveEntity(ctx: CheckContext, ref: string): Resolved | string | undefined {
  const [bundle, name] = ref.includes('.') ? ref.split('.') : [ctx.manifest.name, ref];
  if (bundle === ctx.manifest.name) {
    const entity = ctx.entities.find((e) => e.def.name === name)?.def;
    if (!entity) return `this bundle has no entity "${name}"`;
    return { entity, workflow: ctx.workflows.find((w) => w.def.entity === name)?.def, bundle };
  }
  if (!Object.hasOwn(ctx.manifest.dependencies ?? {}, bundle!)) return `the bundle "${bundle}" is not a dependency`;
  const dep = ctx.available.get(bundle!);
  if (!dep) return undefined;
  const entity = dep.entities.find((e) => e.name === name);
  if (!entity) return `the bundle "${bundle}" has no entity "${name}"`;
  return {
    entity: extended(ctx, dep, entity),
    workflow: dep.workflows.find((w) => w.entity === name),
    bundle: bundle!,
  };
}

/**
 * An entity of a dependency with the fields extensions add to it, this bundle's and other
 * installed bundles': forms, views and grants of this bundle may name them.
 */
export function extended(ctx: CheckContext, dep: Bundle, entity: EntityDefinition): EntityDefinition {
  const sources = [
    ...ctx.extensions.map((x) => ({ bundle: { manifest: ctx.manifest } as Bundle, def: x.def })),
    ...[...ctx.available.values()]
      .filter((b) => b.manifest.name !== ctx.manifest.name && b.manifest.name !== dep.manifest.name)
      .flatMap((b) => (b.extensions ?? []).map((def) => ({ bundle: b, def }))),
  ].filter((x) => {
    const t = splitTarget(x.def.entity);
    return t.bundle === dep.manifest.name && extensionTarget(dep, t.entity) === entity;
  });
  if (!sources.length) return entity;
  const names = new Set(entity.fields.map((f) => f.name));
  // A name taken twice is reported by the extension check; here the first one counts.
  const fields = sources.flatMap(extensionFields).filter((f) => {
    if (names.has(f.name)) return false;
    names.add(f.name);
    return true;
  });
  return { ...entity, fields: [...entity.fields, ...fields] };
}

/**
 * Definitions of one kind are unique within the bundle and named after their file
 * (`views/companies.json` or `views/companies.view.json` holds the view "companies").
 */
export function namingIssues(kind: string, items: { file: string; def: { name: string } }[]): BundleIssue[] {
  const issues: BundleIssue[] = [];
  const first = new Map<string, string>();
  for (const { file, def } of items) {
    const base = file
      .split('/')
      .pop()!
      .replace(new RegExp(`(\\.${kind})?\\.json$`), '');
    if (base !== def.name) {
      issues.push({
        file,
        pointer: '/name',
        code: `${kind}.file_name`,
        message: `The ${kind} is named "${def.name}" but its file is "${file}": name the file ${def.name}.json`,
      });
    }
    const seen = first.get(def.name);
    if (seen) {
      issues.push({
        file,
        pointer: '/name',
        code: `${kind}.duplicate`,
        message: `Another ${kind} is already named "${def.name}" (in ${seen})`,
      });
    } else first.set(def.name, file);
  }
  return issues;
}

/** What a record shows: its fields, then the system columns its table has. */
export function recordColumns(r: Resolved): Set<string> {
  return new Set([
    ...r.entity.fields.map((f) => f.name),
    ...SYSTEM_COLUMNS,
    ...(r.entity.companyScoped ? ['company_id'] : []),
    ...(r.workflow ? ['state', 'workflow_version'] : []),
  ]);
}
