import { automationSchema, type AutomationDefinition } from './automation.schema.ts';
import { entitySchema, type EntityDefinition } from './entity.schema.ts';
import { extensionSchema, type ExtensionDefinition } from './extension.schema.ts';
import { formSchema, type FormDefinition } from './form.schema.ts';
import { menuSchema, type MenuDefinition } from './menu.schema.ts';
import {
  permissionsSchema,
  permissionTestSchema,
  type PermissionsDefinition,
  type PermissionTestFile,
} from './permissions.schema.ts';
import { templateSchema, type TemplateDefinition } from './template.schema.ts';
import { viewSchema, type ViewDefinition } from './view.schema.ts';
import { workflowSchema, type WorkflowDefinition } from './workflow.schema.ts';

/**
 * The kinds of definition a bundle holds beside bundle.json, each in its own folder with one
 * JSON file per definition. Adding a kind (form, view, workflow, ...) means adding its schema
 * and one entry here; the loader, the validator and the designer read this list.
 */
export interface DefinitionKind<T = unknown> {
  kind: string;
  /** Folder of the bundle holding one `<name>.<kind>.json` or `<name>.json` file per definition. */
  folder: string;
  schema: { $id: string };
  /** Phantom for typing. */
  readonly _type?: T;
}

export const DEFINITION_KINDS = [
  { kind: 'entity', folder: 'entities', schema: entitySchema } satisfies DefinitionKind<EntityDefinition>,
  {
    kind: 'extension',
    folder: 'extensions',
    schema: extensionSchema,
  } satisfies DefinitionKind<ExtensionDefinition>,
  {
    kind: 'permissions',
    folder: 'permissions',
    schema: permissionsSchema,
  } satisfies DefinitionKind<PermissionsDefinition>,
  { kind: 'workflow', folder: 'workflows', schema: workflowSchema } satisfies DefinitionKind<WorkflowDefinition>,
  {
    kind: 'automation',
    folder: 'automations',
    schema: automationSchema,
  } satisfies DefinitionKind<AutomationDefinition>,
  {
    kind: 'permissionTest',
    folder: 'permissions/tests',
    schema: permissionTestSchema,
  } satisfies DefinitionKind<PermissionTestFile>,
  { kind: 'template', folder: 'templates', schema: templateSchema } satisfies DefinitionKind<TemplateDefinition>,
  { kind: 'view', folder: 'views', schema: viewSchema } satisfies DefinitionKind<ViewDefinition>,
  { kind: 'form', folder: 'forms', schema: formSchema } satisfies DefinitionKind<FormDefinition>,
  { kind: 'menu', folder: 'menus', schema: menuSchema } satisfies DefinitionKind<MenuDefinition>,
] as const;

export type KindName = (typeof DEFINITION_KINDS)[number]['kind'];
