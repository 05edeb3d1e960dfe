import {
  ALL_SCHEMAS,
  type AutomationDefinition,
  type BundleManifest,
  type EntityDefinition,
  type PermissionsDefinition,
  type PermissionTestFile,
  type TemplateDefinition,
  type WorkflowDefinition,
} from '@opsflux/definitions';
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
  const entities: EntitySource[] = [];
  for (const file of raw.kinds.entity ?? []) {
    if (validateEntity(file.data)) entities.push({ file: file.file, def: file.data as EntityDefinition });
    else issues.push(...ajvIssues(file.file, validateEntity.errors, file.data));
  }
  const permissions: { file: string; def: PermissionsDefinition }[] = [];
  for (const file of raw.kinds.permissions ?? []) {
    if (validatePermissions(file.data)) permissions.push({ file: file.file, def: file.data as PermissionsDefinition });
    else issues.push(...ajvIssues(file.file, validatePermissions.errors, file.data));
  }
  const permissionTests: Record<string, PermissionTestFile> = {};
  for (const file of raw.kinds.permissionTest ?? []) {
    if (validatePermissionTests(file.data)) permissionTests[file.file] = file.data as PermissionTestFile;
    else issues.push(...ajvIssues(file.file, validatePermissionTests.errors, file.data));
  }
  const workflows: { file: string; def: WorkflowDefinition }[] = [];
  for (const file of raw.kinds.workflow ?? []) {
    if (validateWorkflow(file.data)) workflows.push({ file: file.file, def: file.data as WorkflowDefinition });
    else issues.push(...ajvIssues(file.file, validateWorkflow.errors, file.data));
  }
  const templates: { file: string; def: TemplateDefinition }[] = [];
  for (const file of raw.kinds.template ?? []) {
    if (validateTemplate(file.data)) templates.push({ file: file.file, def: file.data as TemplateDefinition });
    else issues.push(...ajvIssues(file.file, validateTemplate.errors, file.data));
  }
  const automations: { file: string; def: AutomationDefinition }[] = [];
  for (const file of raw.kinds.automation ?? []) {
    if (validateAutomation(file.data)) automations.push({ file: file.file, def: file.data as AutomationDefinition });
    else issues.push(...ajvIssues(file.file, validateAutomation.errors, file.data));
  }
  if (issues.length === 0 && entities.length === 0) {
    issues.push({
      file: 'entities/',
      pointer: '',
      code: 'bundle.empty',
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
      files: Object.fromEntries(entities.map((e) => [e.def.name, e.file])),
    },
  };
}

/** `entities/company.json#/fields/2/entity: message` — one line per issue. */
export function formatIssue(i: BundleIssue): string {
  return `${i.file}${i.pointer ? `#${i.pointer}` : ''}: ${i.message} [${i.code}]`;
}
