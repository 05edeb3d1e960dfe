import jsonLogic from 'json-logic-js';

/** The record fields a json-logic expression reads (first segment of each `var`). */
export function logicVariables(expr: unknown): string[] {
  const out = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [op, arg] of Object.entries(node)) {
      if (op === 'var') {
        const name = Array.isArray(arg) ? arg[0] : arg;
        if (typeof name === 'string' && name !== '') out.add(name.split('.')[0]!);
        else if (typeof name === 'number') out.add(String(name));
      } else walk(arg);
    }
  };
  walk(expr);
  return [...out];
}

/** An error message when the expression uses an operation json-logic does not know. */
export function logicProblem(expr: unknown): string | undefined {
  try {
    jsonLogic.apply(expr as jsonLogic.RulesLogic, {});
    return undefined;
  } catch (e) {
    const msg = (e as Error).message;
    return msg.startsWith('Unrecognized operation') ? `${msg}: check the expression` : undefined;
  }
}
