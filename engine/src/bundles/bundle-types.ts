import type {
  AutomationDefinition,
  BundleManifest,
  EntityDefinition,
  ExtensionDefinition,
  FormDefinition,
  MenuDefinition,
  PermissionsDefinition,
  PermissionTestFile,
  TemplateDefinition,
  ViewDefinition,
  WorkflowDefinition,
} from '@opsflux/definitions';

/** One JSON file read from a bundle, before validation. */
export interface SourceFile {
  /** Path inside the bundle, with forward slashes: `entities/company.json`. */
  file: string;
  data: unknown;
}

/** A bundle as read from disk or a zip: files parsed as JSON, nothing checked yet. */
export interface RawBundle {
  source: string;
  manifest: SourceFile;
  /** Definition files by kind (`entity` → files of `entities/`). */
  kinds: Record<string, SourceFile[]>;
}

/** A problem found in a bundle, located by file and JSON pointer. */
export interface BundleIssue {
  file: string;
  pointer: string;
  code: string;
  message: string;
}

/** A bundle that passed validation. */
export interface Bundle {
  manifest: BundleManifest;
  entities: EntityDefinition[];
  /** Roles and grants (`permissions/*.json`). */
  permissions: PermissionsDefinition[];
  /** Workflows (`workflows/*.json`), one per entity at most. */
  workflows: WorkflowDefinition[];
  /** Automations (`automations/*.json`). */
  automations: AutomationDefinition[];
  /** Permission test cases (`permissions/tests/*.json`), by file. */
  permissionTests: Record<string, PermissionTestFile>;
  /** E-mail templates (`templates/*.json`). */
  templates: TemplateDefinition[];
  /** Lists and boards (`views/*.json`). */
  views: ViewDefinition[];
  /** JSON Forms layouts (`forms/*.json`). */
  forms: FormDefinition[];
  /** Navigation trees (`menus/*.json`). */
  menus: MenuDefinition[];
  /** Fields added to entities of dependencies (`extensions/*.json`). */
  extensions: ExtensionDefinition[];
  /** Where each entity came from, to locate later problems. */
  files: Record<string, string>;
}
