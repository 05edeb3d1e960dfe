import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatDefinition, kindOfPath } from './bundle-files.ts';

export interface FolderFormat {
  /** Files (relative paths) whose text is not the designer's; rewritten unless checking. */
  changed: string[];
  /** Files that are not JSON, with the parser's message; left untouched. */
  unreadable: { file: string; message: string }[];
  total: number;
}

/**
 * Writes a bundle folder's definition files exactly as the designer writes them (key order of
 * the kind's schema, Prettier's JSON style), so hand edits and designer edits give the same
 * text and git diffs show only what changed. With `check`, only says which files differ.
 */
export async function formatBundleFolder(dir: string, opts: { check?: boolean } = {}): Promise<FolderFormat> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
  const result: FolderFormat = { changed: [], unreadable: [], total: files.length };
  for (const file of files) {
    const full = path.join(dir, file);
    const text = await readFile(full, 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      result.unreadable.push({ file, message: (e as Error).message });
      continue;
    }
    const formatted = await formatDefinition(kindOfPath(file), json);
    if (formatted === text) continue;
    result.changed.push(file);
    if (!opts.check) await writeFile(full, formatted);
  }
  return result;
}
