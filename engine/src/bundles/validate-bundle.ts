import {
  ALL_SCHEMAS,
  type AutomationDefinition,
  type BundleManifest,
  type EntityDefinition,
  type ExtensionDefinition,
  type FormDefinition,
  type MenuDefinition,
  type PermissionsDefinition,
  type PermissionTestFile,
  type TemplateDefinition,
  type ViewDefinition,
  type WorkflowDefinition,
} from '@opsflux/definitions';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ajvIssues } from './ajv-issues.ts';
import type { Bundle, BundleIssue, RawBundle } from './bundle-types.ts';
import { BUNDLE_CHECKS } from './checks/index.ts';
import type { EntitySource } from './checks/check-context.ts';

const ajv = new Ajv2020({ allErrors: true, discriminator: true, strict: false });
addFormats.default(ajv);
// Field patterns run with the `u` flag (as AJV does at run time), so they are checked with it.
ajv.addFormat('regex', (s: string) => {
  try {
    new RegExp(s, 'u');
    return true;
  } catch {
    return false;
  }
});
ajv.addSchema(ALL_SCHEMAS);
const validateManifest = ajv.getSchema('opsflux:bundle')!;
const validateEntity = ajv.getSchema('opsflux:entity')!;
const validatePermissions = ajv.getSchema('opsflux:permissions')!;
const validatePermissionTests = ajv.getSchema('opsflux:permission-tests')!;
const validateWorkflow = ajv.getSchema('opsflux:workflow')!;
const validateTemplate = ajv.getSchema('opsflux:template')!;
const validateAutomation = ajv.getSchema('opsflux:automation')!;
const validateView = ajv.getSchema('opsflux:view')!;
const validateForm = ajv.getSchema('opsflux:form')!;
const validateMenu = ajv.getSchema('opsflux:menu')!;
const validateExtension = ajv.getSchema('opsflux:extension')!;

/** The files of one kind that pass its schema; the others add their issues. */
function ofKind<T>(
  raw: RawBundle,
  kind: string,
  validate: ValidateFunction,
  issues: BundleIssue[],
): { file: string; def: T }[] {
  const out: { file: string; def: T }[] = [];
  for (const file of raw.kinds[kind] ?? []) {
    if (validate(file.data)) out.push({ file: file.file, def: file.data as T });
    else issues.push(...ajvIssues(file.file, validate.errors, file.data));
  }
  return out;
}

export type ValidationResult = { ok: true; bundle: Bundle; issues: [] } | { ok: false; issues: BundleIssue[] };

export interface ValidateOptions {
  /** Other bundles by name (installed, or applied in the same run) for dependency and reference checks. */
  available?: ReadonlyMap<string, Bundle>;
}

/** Validates a raw bundle: JSON Schemas first, then cross-reference checks. Pure: reads nothing else. */
export function validateBundle(raw: RawBundle, opts: ValidateOptions = {}): ValidationResult {
  const issues: BundleIssue[] = [];
  if (!validateManifest(raw.manifest.data))
    issues.push(...ajvIssues('bundle.json', validateManifest.errors, raw.manifest.data));
  const entities: EntitySource[] = ofKind<EntityDefinition>(raw, 'entity', validateEntity, issues);
  const permissions = ofKind<PermissionsDefinition>(raw, 'permissions', validatePermissions, issues);
  const permissionTests: Record<string, PermissionTestFile> = Object.fromEntries(
    ofKind<PermissionTestFile>(raw, 'permissionTest', validatePermissionTests, issues).map((t) => [t.file, t.def]),
  );
  const workflows = ofKind<WorkflowDefinition>(raw, 'workflow', validateWorkflow, issues);
  const templates = ofKind<TemplateDefinition>(raw, 'template', validateTemplate, issues);
  const automations = ofKind<AutomationDefinition>(raw, 'automation', validateAutomation, issues);
  const views = ofKind<ViewDefinition>(raw, 'view', validateView, issues);
  const forms = ofKind<FormDefinition>(raw, 'form', validateForm, issues);
  const menus = ofKind<MenuDefinition>(raw, 'menu', validateMenu, issues);
  const extensions = ofKind<ExtensionDefinition>(raw, 'extension', validateExtension, issues);
  if (issues.length === 0 && entities.length === 0 && extensions.length === 0) {
    issues.push({
      file: 'entities/',
      pointer: '',
      code: 'bundle.empty',
      // A bundle holding only extensions (fields on a dependency's entities) is not empty.
      message: 'The bundle defines no entity: add at least one file under entities/',
    });
  }
  if (issues.length) return { ok: false, issues };
  const manifest = raw.manifest.data as BundleManifest;
  const ctx = {
    manifest,
    entities,
    permissions,
    permissionTests,
    workflows,
    templates,
    automations,
    views,
    forms,
    menus,
    extensions,
    available: opts.available ?? new Map<string, Bundle>(),
  };
  for (const check of BUNDLE_CHECKS) issues.push(...check(ctx));
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    issues: [],
    bundle: {
      manifest,
      entities: entities.map((e) => e.def),
      permissions: permissions.map((p) => p.def),
      permissionTests,
      workflows: workflows.map((w) => w.def),
      templates: templates.map((t) => t.def),
      automations: automations.map((a) => a.def),
      views: views.map((v) => v.def),
      forms: forms.map((f) => f.def),
      menus: menus.map((m) => m.def),
      extensions: extensions.map((x) => x.def),
      files: Object.fromEntries(entities.map((e) => [e.def.name, e.file])),
    },
  };
}

/** `entities/company.json#/fields/2/entity: message` — one line per issue. */
export function formatIssue(i: BundleIssue): string {
  return `${i.file}${i.pointer ? `#${i.pointer}` : ''}: ${i.message} [${i.code}]`;
}
