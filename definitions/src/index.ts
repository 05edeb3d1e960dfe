export * from './i18n.ts';
export * from './names.ts';
export * from './automation.schema.ts';
export * from './bundle.schema.ts';
export * from './entity.schema.ts';
export * from './extension.schema.ts';
export * from './field-types/index.ts';
export * from './form.schema.ts';
export * from './kinds.ts';
export * from './menu.schema.ts';
export * from './permissions.schema.ts';
export * from './template.schema.ts';
export * from './view.schema.ts';
export * from './workflow.schema.ts';
export * from './sequence-pattern.ts';
import { i18nTextSchema } from './i18n.ts';
import { automationSchema } from './automation.schema.ts';
import { bundleSchema } from './bundle.schema.ts';
import { entitySchema, fieldSchema } from './entity.schema.ts';
import { extensionSchema } from './extension.schema.ts';
import { permissionsSchema, permissionTestSchema } from './permissions.schema.ts';
import { templateSchema } from './template.schema.ts';
import { viewSchema } from './view.schema.ts';
import { formSchema } from './form.schema.ts';
import { menuSchema } from './menu.schema.ts';
import { workflowSchema } from './workflow.schema.ts';

/** Every schema of the language, for an AJV instance to add in one call. */
export const ALL_SCHEMAS: object[] = [
  i18nTextSchema,
  bundleSchema,
  fieldSchema,
  entitySchema,
  extensionSchema,
  permissionsSchema,
  permissionTestSchema,
  workflowSchema,
  automationSchema,
  templateSchema,
  viewSchema,
  formSchema,
  menuSchema,
];
