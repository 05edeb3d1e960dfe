/**
 * A numbering pattern such as `SR-{YYYY}-{#####}`: literal text, date tokens ({YYYY}, {YY},
 * {MM}) and exactly one counter token ({#...}, its width the number of #). The counter resets
 * when the period formed by the date tokens changes.
 */
export interface SequencePart {
  kind: 'text' | 'year4' | 'year2' | 'month' | 'counter';
  text?: string;
  width?: number;
}

export type ParseResult = { ok: true; parts: SequencePart[] } | { ok: false; error: string };

const TOKENS: Record<string, SequencePart['kind']> = { YYYY: 'year4', YY: 'year2', MM: 'month' };

export function parseSequencePattern(pattern: string): ParseResult {
  const parts: SequencePart[] = [];
  const re = /\{([^{}]*)\}|([^{}]+)|([{}])/g;
  for (const m of pattern.matchAll(re)) {
    if (m[3]) return { ok: false, error: `unbalanced "${m[3]}" in the pattern` };
    if (m[2] !== undefined) {
      parts.push({ kind: 'text', text: m[2] });
      continue;
    }
    const token = m[1] ?? '';
    if (/^#+$/.test(token)) {
      if (token.length > 12) return { ok: false, error: 'the counter {#...} has more than 12 digits' };
      parts.push({ kind: 'counter', width: token.length });
    } else if (Object.hasOwn(TOKENS, token)) {
      parts.push({ kind: TOKENS[token]! });
    } else {
      return { ok: false, error: `unknown token {${token}}; use {YYYY}, {YY}, {MM} or {#####}` };
    }
  }
  const counters = parts.filter((p) => p.kind === 'counter').length;
  if (counters !== 1)
    return { ok: false, error: `the pattern needs exactly one counter such as {#####}, found ${counters}` };
  return { ok: true, parts };
}

/** The period a number belongs to (the counter restarts for each), from the date tokens used. */
export function sequencePeriod(parts: SequencePart[], at: Date): string {
  const year = String(at.getUTCFullYear());
  const month = String(at.getUTCMonth() + 1).padStart(2, '0');
  const usesMonth = parts.some((p) => p.kind === 'month');
  const usesYear = parts.some((p) => p.kind === 'year4' || p.kind === 'year2');
  if (usesMonth) return usesYear ? `${year}-${month}` : month;
  return usesYear ? year : 'all';
}

export function formatSequence(parts: SequencePart[], at: Date, counter: number): string {
  const year = String(at.getUTCFullYear());
  return parts
    .map((p) => {
      switch (p.kind) {
        case 'text':
          return p.text ?? '';
        case 'year4':
          return year;
        case 'year2':
          return year.slice(2);
        case 'month':
          return String(at.getUTCMonth() + 1).padStart(2, '0');
        case 'counter':
          return String(counter).padStart(p.width ?? 1, '0');
      }
    })
    .join('');
}
