import jsonLogic from 'json-logic-js';

/** A record with every path set to null, e.g. `record.status` → `{ record: { status: null } }`. */
export function sampleFromVariables(paths: readonly string[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const path of paths) {
    const keys = path.split('.').filter(Boolean);
    let at = root;
    keys.forEach((k, i) => {
      if (i === keys.length - 1) {
        if (!(k in at)) at[k] = null;
        return;
      }
      const next = at[k];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) at[k] = {};
      at = at[k] as Record<string, unknown>;
    });
  }
  return root;
}

export type Evaluation =
  | { ok: true; value: unknown }
  /** `op`: an operation json-logic-js does not know (the engine's own, such as `days_between`). */
  | { ok: false; error: string; op?: string };

/** The expression's value on `data`, as json-logic-js computes it in the browser. */
export function evaluate(expression: unknown, data: unknown): Evaluation {
  try {
    return { ok: true, value: jsonLogic.apply(expression as jsonLogic.RulesLogic, data) as unknown };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    const op = /Unrecognized operation (\S+)/.exec(error)?.[1];
    return { ok: false, error, ...(op && { op }) };
  }
}
