/**
 * The contract between the designer's shell and its editors. The shell loads a bundle's draft
 * (docs/designer-api.md), picks the editor for a file by its folder and hands it the file's
 * content; the editor reports every change through `onChange` and the shell saves it (with the
 * draft's revision) after a short pause. Editors never call the draft API themselves.
 */

/** A problem the engine found in the draft, placed by file and JSON pointer. */
export interface DraftIssue {
  file: string;
  pointer: string;
  code: string;
  message: string;
}

/** What an editor may read besides its own file. */
export interface DraftContext {
  /** The bundle being edited. */
  bundle: string;
  /** Every file of the draft by path (`entities/site.json`, ...), content parsed. */
  files: Readonly<Record<string, unknown>>;
  /** Entities of the other installed bundles, as `bundle.entity` keys with their definitions. */
  otherEntities: Readonly<Record<string, unknown>>;
  /** Roles known to the draft and the installed bundles, as `bundle.role` keys. */
  roles: readonly string[];
  /** Languages every label is written in. */
  languages: readonly ['fr', 'en', 'es', 'pt'];
}

export interface DefinitionEditorProps<T = unknown> {
  /** Path of the file inside the bundle, e.g. `workflows/request.json`. */
  path: string;
  value: T;
  onChange: (next: T) => void;
  /** Issues of this file only (the shell filters them). `focusPointer` asks to reveal one. */
  issues: readonly DraftIssue[];
  focusPointer?: string;
  context: DraftContext;
  readOnly?: boolean;
}
