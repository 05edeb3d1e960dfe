import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeZip } from './bundle-zip.ts';

/**
 * Writes exported files to `out`: a .zip when it ends in `.zip`, else a folder. A folder that
 * already holds JSON files is refused unless `force`, which first removes those JSON files (a
 * definition deleted since the last export must not linger); other files are left alone.
 */
export async function writeExport(
  files: ReadonlyMap<string, string>,
  out: string,
  opts: { force?: boolean } = {},
): Promise<{ kind: 'zip' | 'folder'; written: number }> {
  if (out.toLowerCase().endsWith('.zip')) {
    await mkdir(path.dirname(path.resolve(out)), { recursive: true });
    await writeFile(out, await writeZip(files));
    return { kind: 'zip', written: files.size };
  }
  const info = await stat(out).catch(() => undefined);
  if (info && !info.isDirectory()) throw new Error(`${out} exists and is not a folder`);
  const existing = info
    ? (await readdir(out, { recursive: true, withFileTypes: true })).filter(
        (e) => e.isFile() && e.name.endsWith('.json'),
      )
    : [];
  if (existing.length && !opts.force) {
    throw new Error(`${out} already holds ${existing.length} JSON file(s): use --force to replace them`);
  }
  for (const e of existing) await rm(path.join(e.parentPath, e.name));
  for (const [file, text] of files) {
    const target = path.join(out, ...file.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
  return { kind: 'folder', written: files.size };
}
