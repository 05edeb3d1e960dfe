import yazl from 'yazl';
import { byCodeUnit } from './schema-key-order.ts';

/**
 * Every entry carries this time, as local time (DOS timestamps have no zone): the same files
 * make the same bytes, on any machine, on any day.
 */
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);

/** A .zip of `files` (path → text), entries sorted by path: exporting twice gives identical bytes. */
export function writeZip(files: ReadonlyMap<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const path of [...files.keys()].sort(byCodeUnit)) {
    const content = files.get(path)!;
    zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), path, {
      mtime: FIXED_MTIME,
      forceDosTimestamp: true,
      mode: 0o100644,
      compress: true,
    });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}
