import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DEFINITION_KINDS } from '@opsflux/definitions';
import yauzl from 'yauzl';
import type { BundleIssue, RawBundle, SourceFile } from './bundle-types.ts';

/** Thrown when a bundle cannot even be read (missing bundle.json, broken JSON, bad zip). */
export class BundleLoadError extends Error {
  constructor(readonly issues: BundleIssue[]) {
    super(issues.map((i) => `${i.file}: ${i.message}`).join('\n'));
    this.name = 'BundleLoadError';
  }
}

const MAX_FILES = 5000;
const MAX_TOTAL_BYTES = 50 * 1024 * 1024;

/** Reads a bundle from a folder or a .zip file. */
export async function loadBundle(location: string): Promise<RawBundle> {
  const info = await stat(location).catch(() => undefined);
  if (!info) throw new BundleLoadError([issue('', 'not_found', `Nothing found at ${location}`)]);
  const files = info.isDirectory() ? await readFolder(location) : await readZip(location);
  return fromFiles(location, files);
}

/** Builds a raw bundle from file contents keyed by their path inside the bundle. */
export function fromFiles(source: string, files: Map<string, Buffer | string>): RawBundle {
  const issues: BundleIssue[] = [];
  const parse = (file: string, content: Buffer | string): SourceFile | undefined => {
    try {
      // A byte-order mark (added by some Windows editors) is not part of the JSON.
      return { file, data: JSON.parse(content.toString().replace(/^\uFEFF/, '')) };
    } catch (e) {
      issues.push(issue(file, 'invalid_json', `This file is not valid JSON: ${(e as Error).message}`));
      return undefined;
    }
  };
  const raw = collect(source, files, parse);
  if (issues.length) throw new BundleLoadError(issues);
  return raw;
}

/**
 * Builds a raw bundle from contents already parsed (a draft's files, read from the database),
 * keyed by their path inside the bundle. The bundle's definitions are these objects, not copies.
 */
export function fromParsed(source: string, files: Map<string, unknown>): RawBundle {
  return collect(source, files, (file, data) => ({ file, data }));
}

/** The manifest and each kind's files, in path order; `read` turns a file into its source. */
function collect<C>(source: string, files: Map<string, C>, read: (file: string, content: C) => SourceFile | undefined) {
  const manifestContent = files.get('bundle.json');
  if (manifestContent === undefined) {
    throw new BundleLoadError([
      issue('bundle.json', 'missing_manifest', 'The bundle has no bundle.json at its top level'),
    ]);
  }
  const manifest = read('bundle.json', manifestContent);
  const kinds: Record<string, SourceFile[]> = {};
  for (const { kind, folder } of DEFINITION_KINDS) {
    kinds[kind] = [...files.keys()]
      .filter((f) => f.startsWith(`${folder}/`) && f.endsWith('.json') && !f.slice(folder.length + 1).includes('/'))
      .sort()
      .map((f) => read(f, files.get(f)!))
      .filter((f): f is SourceFile => f !== undefined);
  }
  // A manifest that did not parse is among the caller's issues.
  return { source, manifest: manifest ?? { file: 'bundle.json', data: undefined }, kinds } satisfies RawBundle;
}

async function readFolder(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.json')) continue;
    const full = path.join(e.parentPath, e.name);
    files.set(path.relative(dir, full).split(path.sep).join('/'), await readFile(full));
    if (files.size > MAX_FILES)
      throw new BundleLoadError([issue('', 'too_many_files', `A bundle holds at most ${MAX_FILES} files`)]);
  }
  return files;
}

/**
 * Reads the JSON files of a zip (a file path, or its bytes as uploaded); a single top folder
 * (as made by "compress folder") is stripped.
 */
export async function readZip(source: string | Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    const options = { lazyEntries: true, strictFileNames: true };
    const done = (err: Error | null, z: yauzl.ZipFile) => (err ? reject(err) : resolve(z));
    if (typeof source === 'string') yauzl.open(source, options, done);
    else yauzl.fromBuffer(source, options, done);
  }).catch((e: Error) => {
    throw new BundleLoadError([issue('', 'invalid_zip', `The file is not a readable zip archive: ${e.message}`)]);
  });
  const files = new Map<string, Buffer>();
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (code: string, message: string) => {
      if (zip.isOpen) zip.close();
      reject(new BundleLoadError([issue('', code, message)]));
    };
    zip.on('entry', (entry: yauzl.Entry) => {
      const skipped =
        entry.fileName.startsWith('__MACOSX/') || entry.fileName.split('/').some((p) => p.startsWith('.'));
      if (skipped || entry.fileName.endsWith('/') || !entry.fileName.endsWith('.json')) return zip.readEntry();
      total += entry.uncompressedSize;
      if (total > MAX_TOTAL_BYTES) return fail('zip_too_large', 'The archive unpacks to more than 50 MB');
      if (files.size >= MAX_FILES) return fail('too_many_files', `A bundle holds at most ${MAX_FILES} files`);
      zip.openReadStream(entry, (err, stream) => {
        if (err) return fail('invalid_zip', `The archive entry ${entry.fileName} cannot be read: ${err.message}`);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          files.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
        stream.on('error', (e: Error) =>
          fail('invalid_zip', `The archive entry ${entry.fileName} is damaged: ${e.message}`),
        );
      });
    });
    zip.on('end', resolve);
    zip.on('error', (e: Error) => fail('invalid_zip', `The file is not a readable zip archive: ${e.message}`));
    zip.readEntry();
  });
  if (files.has('bundle.json')) return files;
  const tops = new Set([...files.keys()].map((f) => f.split('/')[0]));
  if (tops.size === 1) {
    const prefix = `${[...tops][0]}/`;
    return new Map([...files].map(([k, v]) => [k.slice(prefix.length), v]));
  }
  return files;
}

function issue(file: string, code: string, message: string): BundleIssue {
  return { file, pointer: '', code, message };
}
