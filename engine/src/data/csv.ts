import type { Response } from 'express';

/**
 * One CSV cell (RFC 4180): quoted when it holds a separator, a quote or a line break. A text
 * starting with = + - @ or a tab is prefixed with ' so a spreadsheet never runs it as a formula.
 */
export function exportCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Streams rows as an attachment, CSV (with a BOM so spreadsheets read UTF-8) or a JSON array:
 * headers and the opening are sent at once, rows as they come, `end` closes the document and
 * tells how many rows went out.
 */
export function exportStream(res: Response, format: 'csv' | 'json', name: string, columns: string[]) {
  res.setHeader(
    'content-disposition',
    `attachment; filename="${name}-${new Date().toISOString().slice(0, 10)}.${format}"`,
  );
  res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json');
  res.write(format === 'csv' ? `\uFEFF${columns.map(exportCell).join(',')}\r\n` : '[');
  let rows = 0;
  return {
    write(record: Record<string, unknown>): void {
      if (format === 'csv') res.write(`${columns.map((c) => exportCell(record[c])).join(',')}\r\n`);
      else res.write(`${rows ? ',' : ''}\n${JSON.stringify(record)}`);
      rows++;
    },
    get rows(): number {
      return rows;
    },
    /** Closes the document; the caller ends the response once its own work (the audit) is done. */
    close(): void {
      if (format === 'json') res.write('\n]\n');
    },
  };
}
