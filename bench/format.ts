/** Number and table formatting shared by the console report and the Markdown file. */

export const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
export const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
export const pct = (x: number) => (Number.isFinite(x) ? `${Math.round(x * 100)} %` : '–');
/** Two significant decimals below 10, one below 100, none above: `0.42`, `12.3`, `1,234`. */
export const fx = (n: number) => (!Number.isFinite(n) ? '–' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : f0(n));
export const times = (n: number) => (Number.isFinite(n) ? `${fx(n)}×` : '–');

export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function mdTable(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}
