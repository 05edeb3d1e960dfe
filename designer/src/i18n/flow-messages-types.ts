import type { permissionsEn } from './permissions.en.ts';
import type { workflowsEn } from './workflows.en.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** The workflow designer's words in one language: the same keys as English, checked by the compiler. */
export type WorkflowMessages = Shape<typeof workflowsEn>;
/** The permission editor's words in one language. */
export type PermissionMessages = Shape<typeof permissionsEn>;
