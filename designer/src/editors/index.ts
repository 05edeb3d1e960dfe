import type { ComponentType } from 'react';
import type { DefinitionEditorProps } from '../editor-types.ts';
import { TRANSLATIONS_ENTRY } from '../workspace/file-tree-model.ts';

type Editor = ComponentType<DefinitionEditorProps<never>>;
type Loader = () => Promise<Record<string, unknown>>;

/**
 * The editors' modules, found at build time. A module not written yet is simply absent from
 * this map (the build does not break) and its files open in the JSON editor. Each is its own
 * chunk, loaded when a file of its kind is first opened.
 */
const modules: Record<string, Loader> = import.meta.glob<Record<string, unknown>>([
  '../entities/entity-editor.tsx',
  '../extensions/extension-editor.tsx',
  '../forms/form-editor.tsx',
  '../views/view-editor.tsx',
  '../workflows/workflow-editor.tsx',
  '../permissions/permission-editor.tsx',
  '../automations/automation-editor.tsx',
  '../templates/template-editor.tsx',
  '../menus/menu-editor.tsx',
  '../translations/translations-page.tsx',
]);

export interface EditorEntry {
  /** The folder (or the translations entry) whose files it edits. */
  folder: string;
  module: string;
  exportName: string;
}

/** Which editor opens which folder. `permissions/tests` (permission tests) stays raw JSON. */
export const EDITORS: readonly EditorEntry[] = [
  { folder: 'entities', module: '../entities/entity-editor.tsx', exportName: 'EntityEditor' },
  { folder: 'extensions', module: '../extensions/extension-editor.tsx', exportName: 'ExtensionEditor' },
  { folder: 'forms', module: '../forms/form-editor.tsx', exportName: 'FormEditor' },
  { folder: 'views', module: '../views/view-editor.tsx', exportName: 'ViewEditor' },
  { folder: 'workflows', module: '../workflows/workflow-editor.tsx', exportName: 'WorkflowEditor' },
  { folder: 'permissions', module: '../permissions/permission-editor.tsx', exportName: 'PermissionEditor' },
  { folder: 'automations', module: '../automations/automation-editor.tsx', exportName: 'AutomationEditor' },
  { folder: 'templates', module: '../templates/template-editor.tsx', exportName: 'TemplateEditor' },
  { folder: 'menus', module: '../menus/menu-editor.tsx', exportName: 'MenuEditor' },
  { folder: TRANSLATIONS_ENTRY, module: '../translations/translations-page.tsx', exportName: 'TranslationsPage' },
];

/** The registry entry for a path: its folder's editor (definitions sit directly in the folder). */
export function editorEntryFor(path: string): EditorEntry | null {
  if (path === TRANSLATIONS_ENTRY) return EDITORS.find((e) => e.folder === TRANSLATIONS_ENTRY) ?? null;
  const slash = path.lastIndexOf('/');
  const folder = slash < 0 ? '' : path.slice(0, slash);
  return EDITORS.find((e) => e.folder === folder) ?? null;
}

/** Whether the editor's module exists in this build. */
export const editorAvailable = (entry: EditorEntry | null) => !!entry && entry.module in modules;

/**
 * Loads the editor for a path; null when none is registered, written or exported under its
 * name (the host then shows the JSON editor).
 */
export async function loadEditor(path: string): Promise<Editor | null> {
  const entry = editorEntryFor(path);
  const load = entry && modules[entry.module];
  if (!entry || !load) return null;
  const mod = await load();
  const component = mod[entry.exportName];
  return typeof component === 'function' || (typeof component === 'object' && component !== null)
    ? (component as Editor)
    : null;
}
