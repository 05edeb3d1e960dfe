import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMPARE_OPS,
  formatLiteral,
  fromLogic,
  isFullyVisual,
  newNode,
  parseLiteral,
  switchKind,
  toLogic,
  variablesOf,
  type NodeKind,
} from './logic-model.ts';

const primitive = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.constant(null),
);
const path = fc.constantFrom('record.status', 'amount', 'a.b.c', '');

/** Expressions the builder draws: and/or, comparisons, in, !, !!, if, var, literals. */
const supported = fc.letrec<{ expr: unknown }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    primitive,
    fc.array(primitive, { maxLength: 3 }),
    path.map((p) => ({ var: p })),
    path.map((p) => ({ var: [p] })),
    fc.tuple(path, primitive).map(([p, d]) => ({ var: [p, d] })),
    fc.tuple(fc.constantFrom('and', 'or'), fc.array(tie('expr'), { maxLength: 3 })).map(([op, a]) => ({ [op]: a })),
    // `{"!": [a, b]}` is not a negation the builder draws: an unwrapped argument is never a list.
    fc
      .tuple(fc.constantFrom('!', '!!'), tie('expr'))
      .filter(([, a]) => !Array.isArray(a))
      .map(([op, a]) => ({ [op]: a })),
    fc.tuple(fc.constantFrom('!', '!!'), tie('expr')).map(([op, a]) => ({ [op]: [a] })),
    fc.tuple(fc.constantFrom(...COMPARE_OPS), tie('expr'), tie('expr')).map(([op, a, b]) => ({ [op]: [a, b] })),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => ({ in: [a, b] })),
    fc.array(tie('expr'), { minLength: 1, maxLength: 5 }).map((a) => ({ if: a })),
  ),
}));

/** Anything JSON: other operations, several keys, wrong arities, nested arrays of objects. */
const anyJson = fc.letrec<{ expr: unknown }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    supported.expr,
    fc.array(tie('expr'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('cat', 'var', 'and', '+', 'map', 'x', 'if', '!', '=='), tie('expr'), { maxKeys: 3 }),
    fc.tuple(fc.constantFrom(...COMPARE_OPS, 'in', 'and', '!'), tie('expr')).map(([op, a]) => ({ [op]: a })),
  ),
}));

describe('logic model', () => {
  it('round-trips every supported expression exactly and draws it without raw parts', () => {
    fc.assert(
      fc.property(supported.expr, (expr) => {
        const node = fromLogic(expr);
        expect(toLogic(node)).toEqual(expr);
        expect(isFullyVisual(node)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps any other JSON as written (raw parts fall back to text)', () => {
    fc.assert(
      fc.property(anyJson.expr, (expr) => {
        expect(toLogic(fromLogic(expr))).toEqual(expr);
        expect(JSON.stringify(toLogic(fromLogic(expr)))).toBe(JSON.stringify(expr));
      }),
      { numRuns: 500 },
    );
  });

  it('draws the shapes it knows and leaves the rest raw', () => {
    const guard = { and: [{ '==': [{ var: 'record.status' }, 'open'] }, { '!': { var: 'record.closed' } }] };
    expect(fromLogic(guard)).toMatchObject({
      kind: 'group',
      op: 'and',
      children: [{ kind: 'compare' }, { kind: 'not' }],
    });
    expect(fromLogic({ cat: ['a', 'b'] })).toEqual({ kind: 'raw', json: { cat: ['a', 'b'] } });
    expect(fromLogic({ '<': [1, { var: 'x' }, 3] }).kind).toBe('raw');
    expect(fromLogic({ var: 3 }).kind).toBe('raw');
    expect(fromLogic({ a: 1, b: 2 }).kind).toBe('raw');
    expect(isFullyVisual(fromLogic({ or: [true, { days_between: ['a', 'b'] }] }))).toBe(false);
  });

  it('makes fresh nodes the builder can convert', () => {
    const kinds: NodeKind[] = ['group', 'not', 'compare', 'in', 'if', 'var', 'literal', 'raw'];
    for (const kind of kinds) {
      const node = newNode(kind, 'record.status');
      expect(fromLogic(toLogic(node))).toEqual(node);
    }
  });

  it('wraps what was written when the author picks a group, a negation or JSON', () => {
    const cmp = newNode('compare', 'a');
    expect(toLogic(switchKind(cmp, 'group'))).toEqual({ and: [toLogic(cmp)] });
    expect(toLogic(switchKind(cmp, 'not'))).toEqual({ '!': toLogic(cmp) });
    expect(toLogic(switchKind(cmp, 'raw'))).toEqual(toLogic(cmp));
    expect(switchKind(cmp, 'compare')).toBe(cmp);
    expect(switchKind(cmp, 'var', 'x')).toEqual({ kind: 'var', path: 'x', form: 'plain' });
  });

  it('reads typed literals and writes them back the same', () => {
    expect(parseLiteral('12')).toBe(12);
    expect(parseLiteral('-1.5')).toBe(-1.5);
    expect(parseLiteral('true')).toBe(true);
    expect(parseLiteral('null')).toBe(null);
    expect(parseLiteral('"12"')).toBe('12');
    expect(parseLiteral('open')).toBe('open');
    fc.assert(
      fc.property(primitive, (v) => {
        expect(parseLiteral(formatLiteral(v))).toEqual(v);
      }),
    );
  });

  it('lists the variables an expression reads, once each', () => {
    const expr = { if: [{ var: 'a' }, { var: ['b', 0] }, { cat: [{ var: 'a' }, { var: 'c.d' }] }] };
    expect(variablesOf(expr)).toEqual(['a', 'b', 'c.d']);
  });
});
