/**
 * A schema with one branch per value of `type`, each chosen by it (`if`/`then`): a validation
 * error then speaks of the branch the author meant, not of every branch that did not match.
 */
export function byType(branches: Record<string, object>) {
  return {
    type: 'object',
    required: ['type'],
    properties: { type: { enum: Object.keys(branches) } },
    allOf: Object.entries(branches).map(([type, then]) => ({
      if: { properties: { type: { const: type } }, required: ['type'] },
      then,
    })),
  };
}
