import { checkAutomations } from './check-automations.ts';
import { checkDependencies } from './check-dependencies.ts';
import { checkEntityOptions } from './check-entity-options.ts';
import { checkFieldFormats } from './check-field-formats.ts';
import { checkExtensions } from './check-extensions.ts';
import { checkFields } from './check-fields.ts';
import { checkForms } from './check-forms.ts';
import { checkMenus } from './check-menus.ts';
import { checkNames } from './check-names.ts';
import { checkPermissions } from './check-permissions.ts';
import { checkRecordOperations } from './check-record-operations.ts';
import { checkReferences } from './check-references.ts';
import { checkTemplates } from './check-templates.ts';
import { checkViews } from './check-views.ts';
import { checkWorkflows } from './check-workflows.ts';
import type { BundleCheck } from './check-context.ts';

export type { BundleCheck, CheckContext } from './check-context.ts';

/** Cross-reference checks run after the schemas pass, in this order. */
export const BUNDLE_CHECKS: BundleCheck[] = [
  checkNames,
  checkFields,
  checkFieldFormats,
  checkEntityOptions,
  checkReferences,
  checkDependencies,
  checkExtensions,
  checkPermissions,
  checkWorkflows,
  checkAutomations,
  checkRecordOperations,
  checkTemplates,
  checkViews,
  checkForms,
  checkMenus,
];
