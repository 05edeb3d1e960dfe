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

/** Whether json-logic knows the operation `op` (asked once per name). */
function isOperation(op: string): boolean {
  let ok = known.get(op);
  if (ok === undefined) {
    try {
      jsonLogic.apply({ [op]: [] } as unknown as jsonLogic.RulesLogic, {});
      ok = true;
    } catch (e) {
      ok = !(e as Error).message.startsWith('Unrecognized operation');
    }
    known.set(op, ok);
  }
  return ok;
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
  if (!isOperation(op)) return `Unrecognized operation ${op}: check the expression`;
  return logicProblem((expr as Record<string, unknown>)[op]);
}
