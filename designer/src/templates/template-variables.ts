/**
 * The variables a Handlebars template reads, found without compiling it: `{{record.title}}`,
 * helper arguments (`{{date due "day"}}` reads `due`), block parameters (`{{#if x}}`), and
 * paths inside `{{#each items}}` read on each item (`items[].label`). Good enough to build a
 * sample and to list what the preview needs; the engine's validation stays the judge.
 */
const KEYWORDS = new Set(['if', 'unless', 'each', 'with', 'else', 'this', 'date', 'number', 'true', 'false', 'null']);
const TAG = /\{\{(~?)([#/^]?)\s*([^}]*?)\s*~?\}\}/g;
const PATH = /^(?:this\.|\.\/)?(@?[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)$/;

export function templateVariables(...sources: (string | undefined)[]): string[] {
  const found = new Set<string>();
  for (const source of sources) {
    if (!source) continue;
    const scopes: string[] = [];
    const prefix = () => scopes.filter(Boolean).join('');
    for (const m of source.matchAll(TAG)) {
      const [, , sigil, inner] = m as unknown as [string, string, string, string];
      if (inner.startsWith('!')) continue;
      if (sigil === '/') {
        scopes.pop();
        continue;
      }
      const words = inner.match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
      const [head, ...args] = words;
      let scope = '';
      const paths = head && KEYWORDS.has(head) ? args : words;
      for (const w of paths) {
        const p = PATH.exec(w)?.[1];
        if (!p || p.startsWith('@') || KEYWORDS.has(p)) continue;
        found.add(prefix() + p);
      }
      if (sigil === '#') {
        if (head === 'each' && args[0]) scope = `${prefix()}${args[0]}[].`;
        else if (head === 'with' && args[0]) scope = `${prefix()}${args[0]}.`;
        scopes.push(scope ? scope.slice(prefix().length) : '');
      }
    }
  }
  return [...found].sort();
}

/** Sample data holding every variable: `record.title` → `{ record: { title: "title" } }`. */
export function sampleData(variables: readonly string[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const v of variables) {
    let cur: Record<string, unknown> = root;
    const parts = v.split('.');
    parts.forEach((raw, i) => {
      const isList = raw.endsWith('[]');
      const key = isList ? raw.slice(0, -2) : raw;
      const leaf = i === parts.length - 1;
      if (isList) {
        const list = (Array.isArray(cur[key]) ? cur[key] : [{}]) as Record<string, unknown>[];
        cur[key] = list;
        cur = list[0]!;
      } else if (leaf) {
        if (!(key in cur)) cur[key] = key;
      } else {
        if (!cur[key] || typeof cur[key] !== 'object') cur[key] = {};
        cur = cur[key] as Record<string, unknown>;
      }
    });
  }
  return root;
}
