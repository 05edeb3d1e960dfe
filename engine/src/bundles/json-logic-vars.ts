import jsonLogic from 'json-logic-js';
import '../rules/date-operations.ts';

/** Every variable path an expression reads, whole (`record.amount`, `user.id`). */
export function logicPaths(expr: unknown): string[] {
  const out = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [op, arg] of Object.entries(node)) {
      if (op === 'var') {
        const name = Array.isArray(arg) ? arg[0] : arg;
        if (typeof name === 'string' && name !== '') out.add(name);
        else if (typeof name === 'number') out.add(String(name));
      } else walk(arg);
    }
  };
  walk(expr);
  return [...out];
}

/** The record fields a json-logic expression reads (first segment of each `var`). */
export function logicVariables(expr: unknown): string[] {
  return [...new Set(logicPaths(expr).map((p) => p.split('.')[0]!))];
}

const known = new Map<string, boolean>();

/** Whether json-logic knows the operation `op` (asked once per name, but for plugins' ones). */
function isOperation(op: string): boolean {
  // Plugin operations (`iban.valid`) come and go with their plugin: never remembered.
  if (op.includes('.')) return probe(op);
  let ok = known.get(op);
  if (ok === undefined) {
    ok = probe(op);
    known.set(op, ok);
  }
  return ok;
}

function probe(op: string): boolean {
  try {
    jsonLogic.apply({ [op]: [] } as unknown as jsonLogic.RulesLogic, {});
    return true;
  } catch (e) {
    return !(e as Error).message.startsWith('Unrecognized operation');
  }
}

/**
 * An error message when the expression uses an operation json-logic does not know, wherever
 * it sits (also in branches that an empty record would never reach).
 */
export function logicProblem(expr: unknown): string | undefined {
  if (Array.isArray(expr)) {
    for (const item of expr) {
      const p = logicProblem(item);
      if (p) return p;
    }
    return undefined;
  }
  if (!expr || typeof expr !== 'object') return undefined;
  const keys = Object.keys(expr);
  if (keys.length !== 1) return undefined; // a literal object, not an operation
  const op = keys[0]!;
  if (!isOperation(op)) {
    return op.includes('.')
      ? `Unrecognized operation ${op}: no loaded plugin provides it (is the plugin "${op.split('.')[0]}" in PLUGINS?)`
      : `Unrecognized operation ${op}: check the expression`;
  }
  return logicProblem((expr as Record<string, unknown>)[op]);
}
