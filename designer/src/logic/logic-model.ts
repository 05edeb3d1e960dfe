/**
 * The visual builder's model of a json-logic expression, and the conversion both ways.
 *
 * Every json-logic value converts to a model and back to the very same value: the parts the
 * builder draws (and/or groups, comparisons, `in`, `!`, `!!`, `if`, variables, literals) become
 * nodes, and anything else (other operations, objects, odd argument shapes) becomes a `raw` node
 * holding the JSON as written. The builder shows a raw node as a small JSON text field, so an
 * expression it cannot draw is edited as text, never lost.
 */

export type JsonPrimitive = string | number | boolean | null;
export type LiteralValue = JsonPrimitive | JsonPrimitive[];

export const GROUP_OPS = ['and', 'or'] as const;
export const COMPARE_OPS = ['==', '!=', '===', '!==', '<', '<=', '>', '>='] as const;
export const NOT_OPS = ['!', '!!'] as const;

export type GroupOp = (typeof GROUP_OPS)[number];
export type CompareOp = (typeof COMPARE_OPS)[number];
export type NotOp = (typeof NOT_OPS)[number];

export type LogicNode =
  | { kind: 'group'; op: GroupOp; children: LogicNode[] }
  /** `wrapped`: written `{"!": [x]}` rather than `{"!": x}`. */
  | { kind: 'not'; op: NotOp; child: LogicNode; wrapped: boolean }
  | { kind: 'compare'; op: CompareOp; left: LogicNode; right: LogicNode }
  | { kind: 'in'; left: LogicNode; right: LogicNode }
  /** `[cond, then, cond, then, ..., else?]` as json-logic writes it. */
  | { kind: 'if'; args: LogicNode[] }
  /** `form`: `{"var": "a"}` (plain), `{"var": ["a"]}` (list) or `{"var": ["a", fallback]}`. */
  | { kind: 'var'; path: string; form: 'plain' | 'list' | 'fallback'; fallback?: JsonPrimitive }
  | { kind: 'literal'; value: LiteralValue }
  | { kind: 'raw'; json: unknown };

export type NodeKind = LogicNode['kind'];

const isPrimitive = (v: unknown): v is JsonPrimitive =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

const includes = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

/** The single operation of a json-logic object, or null when `v` is not one. */
function operation(v: unknown): [string, unknown] | null {
  if (!isPlainObject(v)) return null;
  const keys = Object.keys(v);
  return keys.length === 1 ? [keys[0]!, v[keys[0]!]] : null;
}

function varNode(arg: unknown): LogicNode | null {
  if (typeof arg === 'string') return { kind: 'var', path: arg, form: 'plain' };
  if (!Array.isArray(arg) || typeof arg[0] !== 'string') return null;
  if (arg.length === 1) return { kind: 'var', path: arg[0], form: 'list' };
  if (arg.length === 2 && isPrimitive(arg[1])) return { kind: 'var', path: arg[0], form: 'fallback', fallback: arg[1] };
  return null;
}

function fromOperation(op: string, arg: unknown): LogicNode | null {
  if (op === 'var') return varNode(arg);
  if (includes(GROUP_OPS, op)) return Array.isArray(arg) ? { kind: 'group', op, children: arg.map(fromLogic) } : null;
  if (includes(NOT_OPS, op)) {
    if (!Array.isArray(arg)) return { kind: 'not', op, child: fromLogic(arg), wrapped: false };
    return arg.length === 1 ? { kind: 'not', op, child: fromLogic(arg[0]), wrapped: true } : null;
  }
  if (!Array.isArray(arg)) return null;
  if (includes(COMPARE_OPS, op) && arg.length === 2)
    return { kind: 'compare', op, left: fromLogic(arg[0]), right: fromLogic(arg[1]) };
  if (op === 'in' && arg.length === 2) return { kind: 'in', left: fromLogic(arg[0]), right: fromLogic(arg[1]) };
  if (op === 'if' && arg.length > 0) return { kind: 'if', args: arg.map(fromLogic) };
  return null;
}

/** The model of a json-logic value; never fails (what it cannot draw stays raw). */
export function fromLogic(json: unknown): LogicNode {
  if (isPrimitive(json)) return { kind: 'literal', value: json };
  if (Array.isArray(json) && json.every(isPrimitive)) return { kind: 'literal', value: [...json] };
  const op = operation(json);
  return (op && fromOperation(op[0], op[1])) ?? { kind: 'raw', json };
}

/** The json-logic a model stands for. `toLogic(fromLogic(x))` equals `x` for every JSON `x`. */
export function toLogic(node: LogicNode): unknown {
  switch (node.kind) {
    case 'group':
      return { [node.op]: node.children.map(toLogic) };
    case 'not':
      return { [node.op]: node.wrapped ? [toLogic(node.child)] : toLogic(node.child) };
    case 'compare':
      return { [node.op]: [toLogic(node.left), toLogic(node.right)] };
    case 'in':
      return { in: [toLogic(node.left), toLogic(node.right)] };
    case 'if':
      return { if: node.args.map(toLogic) };
    case 'var':
      if (node.form === 'plain') return { var: node.path };
      return { var: node.form === 'list' ? [node.path] : [node.path, node.fallback ?? null] };
    case 'literal':
      return Array.isArray(node.value) ? [...node.value] : node.value;
    case 'raw':
      return node.json;
  }
}

/** Whether the builder draws the whole expression without a raw part. */
export function isFullyVisual(node: LogicNode): boolean {
  switch (node.kind) {
    case 'raw':
      return false;
    case 'group':
      return node.children.every(isFullyVisual);
    case 'not':
      return isFullyVisual(node.child);
    case 'compare':
    case 'in':
      return isFullyVisual(node.left) && isFullyVisual(node.right);
    case 'if':
      return node.args.every(isFullyVisual);
    default:
      return true;
  }
}

/** A fresh node of a kind, for the builder's "add" menus; `variable` seeds comparisons. */
export function newNode(kind: NodeKind, variable = ''): LogicNode {
  const v: LogicNode = { kind: 'var', path: variable, form: 'plain' };
  switch (kind) {
    case 'group':
      return { kind: 'group', op: 'and', children: [] };
    case 'not':
      return { kind: 'not', op: '!', child: v, wrapped: false };
    case 'compare':
      return { kind: 'compare', op: '==', left: v, right: { kind: 'literal', value: '' } };
    case 'in':
      return { kind: 'in', left: v, right: { kind: 'literal', value: [] } };
    case 'if':
      return {
        kind: 'if',
        args: [newNode('compare', variable), { kind: 'literal', value: '' }, { kind: 'literal', value: '' }],
      };
    case 'var':
      return v;
    case 'literal':
      return { kind: 'literal', value: '' };
    case 'raw':
      return { kind: 'raw', json: {} };
  }
}

/** JSON text parsed, or the parser's message. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * A literal typed in a field: numbers, `true`, `false` and `null` as such, `"quoted"` text as
 * the text inside, anything else as text.
 */
export function parseLiteral(text: string): JsonPrimitive {
  const t = text.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t === 'null') return null;
  if (t !== '' && /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) && Number.isFinite(Number(t))) return Number(t);
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
    const parsed = parseJson(t);
    if (parsed.ok && typeof parsed.value === 'string') return parsed.value;
  }
  return text;
}

/** How a literal is typed back: text that would read as another value is quoted. */
export function formatLiteral(v: JsonPrimitive): string {
  if (typeof v !== 'string') return JSON.stringify(v);
  return parseLiteral(v) === v ? v : JSON.stringify(v);
}

/** The first variable an expression reads, e.g. for a rule's default field. */
export function variablesOf(json: unknown, out: string[] = []): string[] {
  if (Array.isArray(json)) json.forEach((j) => variablesOf(j, out));
  else if (isPlainObject(json)) {
    for (const [k, v] of Object.entries(json)) {
      const n = k === 'var' ? varNode(v) : null;
      if (n?.kind === 'var') {
        if (!out.includes(n.path)) out.push(n.path);
      } else variablesOf(v, out);
    }
  }
  return out;
}

/**
 * The node after the author picked another kind for it: wrapped in a group or a negation when
 * that is what they asked for (so nothing they wrote is lost), a fresh node otherwise.
 */
export function switchKind(node: LogicNode, kind: NodeKind, variable = ''): LogicNode {
  if (kind === node.kind) return node;
  if (kind === 'group') return { kind: 'group', op: 'and', children: [node] };
  if (kind === 'not') return { kind: 'not', op: '!', child: node, wrapped: false };
  if (kind === 'raw') return { kind: 'raw', json: toLogic(node) };
  return newNode(kind, variable);
}
