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
