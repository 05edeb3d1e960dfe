import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { fromFiles } from '../bundles/load-bundle.ts';
import { validateBundle } from '../bundles/validate-bundle.ts';
import type { Registry } from '../registry/registry-types.ts';
import {
  argumentProblems,
  fieldKindProblem,
  findRecordOperations,
  hasRecordOperations,
  mapFilterExpressions,
  MAX_RECORD_OPERATIONS,
  RECORD_OPERATIONS,
  resolveRecordOperations,
  type RecordOperationName,
} from './record-operations.ts';

// The parts of the record operations that need no database: finding them in an expression,
// their arguments, the filter walker, the limits, and the bundle check.

const count = (where: object = {}) => ({ count_records: { entity: 'b.item', where } });
const names = Object.keys(RECORD_OPERATIONS) as RecordOperationName[];

/** A scope whose database must not be reached. */
const untouched = {
  db: (() => {
    throw new Error('the database was reached');
  }) as unknown as Knex,
  registry: { entities: new Map() } as unknown as Registry,
};

function at(doc: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], doc);
}

/** json-logic trees mixing ordinary operations, literals and record operations. */
const logicTree = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null)),
    fc.record({ var: fc.constantFrom('a', 'record.site', 'b.c') }),
    fc.record({ '==': fc.tuple(tie('node'), tie('node')) }),
    fc.record({ and: fc.array(tie('node'), { maxLength: 3 }) }),
    fc.record({ if: fc.tuple(tie('node'), tie('node'), tie('node')) }),
    fc.record({ x: tie('node'), y: tie('node') }), // a literal object: json-logic does not look inside
    tie('op'),
  ),
  op: fc.oneof(
    fc.record({
      count_records: fc.record({
        entity: fc.constant('b.item'),
        where: fc.record({ site: tie('node'), $or: fc.tuple(fc.record({ n: fc.record({ $gte: tie('node') }) })) }),
      }),
    }),
    fc.record({
      peak_overlap: fc.record({
        entity: fc.constant('b.item'),
        start: fc.constant('a'),
        end: fc.constant('b'),
        from: tie('node'),
        to: fc.constant('2026-01-02'),
        where: fc.record({ k: fc.record({ $in: fc.array(tie('node'), { maxLength: 2 }) }) }),
      }),
    }),
  ),
}));

describe('finding record operations', () => {
  it('finds them wherever json-logic evaluates, with a pointer to each', () => {
    const logic = {
      and: [
        { '>': [count({ site: { var: 'record.site' } }), 0] },
        {
          '<': [
            {
              peak_overlap: {
                entity: 'b.item',
                start: 'a',
                end: 'b',
                from: { date_add: [{ var: 'record.a' }, -1] },
                to: '2026-02-01',
                where: { n: { $lt: { sum_records: { entity: 'b.item', field: 'n', where: {} } } } },
              },
            },
            3,
          ],
        },
      ],
    };
    const found = findRecordOperations(logic);
    expect(found.map((n) => [n.name, n.pointer])).toEqual([
      ['count_records', '/and/0/>/0'],
      ['peak_overlap', '/and/1/</0'],
      ['sum_records', '/and/1/</0/peak_overlap/where/n/$lt'],
    ]);
    expect(hasRecordOperations(logic)).toBe(true);
  });

  it('does not look inside literal objects, and flags those in loop bodies', () => {
    expect(hasRecordOperations({ '==': [{ a: count(), b: 1 }, 1] })).toBe(false);
    expect(hasRecordOperations({ '==': [{ var: 'count_records' }, 1] })).toBe(false);
    expect(hasRecordOperations(null)).toBe(false);
    expect(hasRecordOperations('count_records')).toBe(false);
    const looped = findRecordOperations({ some: [[1, 2], { '>': [count(), { var: '' }] }] });
    expect(looped).toMatchObject([{ name: 'count_records', loop: 'some' }]);
    // The list a loop walks is evaluated outside it.
    expect(findRecordOperations({ map: [[count()], { var: '' }] })[0]?.loop).toBeUndefined();
    expect(findRecordOperations({ reduce: [[], { var: 'current' }, count()] })[0]?.loop).toBeUndefined();
  });

  it('points at each operation it reports, and finds all of them', () => {
    fc.assert(
      fc.property(logicTree.node, (logic) => {
        const found = findRecordOperations(logic);
        for (const n of found) expect(Object.keys(at(logic, n.pointer) as object)).toEqual([n.name]);
        const ops = JSON.stringify(logic).match(/"(count_records|sum_records|peak_overlap)":/g) ?? [];
        // Every occurrence sits at an evaluated position, except under literal objects.
        expect(found.length).toBeLessThanOrEqual(ops.length);
        if (!JSON.stringify(logic).includes('"x":')) expect(found.length).toBe(ops.length);
        expect(hasRecordOperations(logic)).toBe(found.length > 0);
      }),
    );
  });
});

describe('filters holding json-logic', () => {
  it('maps the values of fields, operators and list items, and nothing else', () => {
    const where = {
      site: { var: 'record.site' },
      n: { $gte: { var: 'x' }, $lt: 4 },
      k: { $in: ['a', { var: 'y' }] },
      $or: [{ m: { $null: true } }, { $not: { p: { var: 'z' } } }],
    };
    const seen: [string, string, boolean][] = [];
    const out = mapFilterExpressions(where, (expr, pointer, slot) => {
      seen.push([pointer, slot.operator, slot.item]);
      return `<${(expr as { var: string }).var}>`;
    });
    expect(out).toEqual({
      site: '<record.site>',
      n: { $gte: '<x>', $lt: 4 },
      k: { $in: ['a', '<y>'] },
      $or: [{ m: { $null: true } }, { $not: { p: '<z>' } }],
    });
    expect(seen).toEqual([
      ['/site', '$eq', false],
      ['/n/$gte', '$gte', false],
      ['/k/$in/1', '$in', true],
      ['/$or/1/$not/p', '$eq', false],
    ]);
  });

  it('keeps any document unchanged when each expression is kept', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (doc) => {
        expect(mapFilterExpressions(doc, (e) => e)).toEqual(doc);
      }),
      // A key named like the prototype stays a key (fast-check found it dropped once).
      { examples: [[JSON.parse('{"__proto__": false}')], [JSON.parse('{"a": {"__proto__": {"$eq": 1}}}')]] },
    );
  });
});

describe('arguments', () => {
  it('names what is missing, unknown or of the wrong form', () => {
    expect(argumentProblems('count_records', { entity: 'b.item', where: {} })).toEqual([]);
    expect(argumentProblems('count_records', [1]).map((p) => p.pointer)).toEqual(['']);
    const bad = argumentProblems('peak_overlap', {
      entity: 'item',
      start: 3,
      end: 'b',
      from: 'x',
      where: [],
      pick: 'max',
      extra: 1,
    });
    expect(bad.map((p) => p.pointer).sort()).toEqual(['', '/entity', '/extra', '/pick', '/start', '/where']);
    expect(bad.find((p) => p.pointer === '')?.message).toContain('"to" is missing');
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.anything(), (name, args) => {
        const problems = argumentProblems(name, args);
        if (typeof args !== 'object' || args === null || Array.isArray(args)) expect(problems.length).toBe(1);
        for (const p of problems) expect(p.code).toBe('record_operation.arguments');
      }),
    );
  });

  it('tells numbers and dates apart, computed fields by their result', () => {
    expect(fieldKindProblem({ type: 'decimal' }, 'number')).toBeUndefined();
    expect(fieldKindProblem({ type: 'computed', resultType: 'integer' }, 'number')).toBeUndefined();
    expect(fieldKindProblem({ type: 'datetime' }, 'date')).toBeUndefined();
    expect(fieldKindProblem({ type: 'computed', resultType: 'date' }, 'date')).toBeUndefined();
    expect(fieldKindProblem({ type: 'string' }, 'number')).toMatch(/not a number/);
    expect(fieldKindProblem({ type: 'integer' }, 'date')).toMatch(/not a date/);
    expect(fieldKindProblem(undefined, 'date')).toMatch(/no such field/);
  });
});

describe('resolving, before any query', () => {
  it('gives back an expression without record operations as it is', async () => {
    const logic = { '>': [{ var: 'n' }, 1] };
    expect(await resolveRecordOperations(logic, {}, untouched)).toBe(logic);
  });

  it(`refuses more than ${MAX_RECORD_OPERATIONS} operations, and operations in loops`, async () => {
    const many = { '+': Array.from({ length: MAX_RECORD_OPERATIONS + 1 }, () => count()) };
    await expect(resolveRecordOperations(many, {}, untouched)).rejects.toMatchObject({
      code: 'too_many_record_operations',
      status: 422,
    });
    const looped = { all: [[1], { '>': [count(), 0] }] };
    await expect(resolveRecordOperations(looped, {}, untouched)).rejects.toMatchObject({
      code: 'record_operation_in_loop',
    });
  });

  it('makes an unresolved operation fail loudly', () => {
    for (const name of names) {
      expect(() => jsonLogic.apply({ [name]: { entity: 'b.item', where: {} } } as jsonLogic.RulesLogic, {})).toThrow(
        /resolveRecordOperations/,
      );
    }
  });
});

describe('bundle check', () => {
  const item = {
    name: 'item',
    label: { en: 'Item' },
    pluralLabel: { en: 'Items' },
    fields: [
      { name: 'title', type: 'string', label: { en: 'Title' } },
      { name: 'qty', type: 'integer', label: { en: 'Quantity' } },
      { name: 'starts', type: 'date', label: { en: 'Starts' } },
      { name: 'ends', type: 'date', label: { en: 'Ends' } },
      { name: 'owner', type: 'reference', entity: 'item', label: { en: 'Owner' } },
    ],
  };
  const withRule = (expression: object, fields: object[] = []) => ({
    ...item,
    fields: [...item.fields, ...fields],
    rules: [{ name: 'r', expression, message: { en: 'No' } }],
  });
  function validate(entity: object, workflow?: object, dependencies?: object) {
    const files = new Map<string, string>([
      ['bundle.json', JSON.stringify({ name: 'b', version: '1.0.0', title: { en: 'B' }, dependencies })],
      ['entities/item.json', JSON.stringify(entity)],
    ]);
    if (workflow) files.set('workflows/item.json', JSON.stringify(workflow));
    const result = validateBundle(fromFiles('test', files));
    return result.ok ? [] : result.issues.map((i) => `${i.code} ${i.pointer}`);
  }

  it('accepts sound operations in rules and guards', () => {
    const guard = {
      '<': [
        {
          peak_overlap: {
            entity: 'b.item',
            start: 'starts',
            end: 'ends',
            from: { var: 'record.starts' },
            to: { date_add: [{ var: 'record.starts' }, 7] },
            weight: 'qty',
            pick: 'count',
            where: { owner: { var: 'record.owner' }, state: 'open', 'owner.title': { $startsWith: 'A' } },
          },
        },
        { sum_records: { entity: 'b.item', field: 'qty', where: { qty: { $between: [1, { var: 'record.qty' }] } } } },
      ],
    };
    const workflow = {
      name: 'item_flow',
      entity: 'item',
      states: [
        { name: 'open', label: { en: 'Open' }, initial: true, category: 'active' },
        { name: 'done', label: { en: 'Done' }, final: true, category: 'done' },
      ],
      transitions: [{ name: 'finish', label: { en: 'Finish' }, from: ['open'], to: 'done', guard }],
    };
    expect(validate(withRule({ '==': [count({ title: { var: 'title' } }), 0] }), workflow)).toEqual([]);
  });

  it('names unknown entities, bundles and fields, wrong field types and bad filters', () => {
    const issues = validate(
      withRule({
        and: [
          { count_records: { entity: 'b.nothing', where: {} } },
          { count_records: { entity: 'other.item', where: {} } },
          { sum_records: { entity: 'b.item', field: 'title', where: {} } },
          {
            peak_overlap: {
              entity: 'b.item',
              start: 'qty',
              end: 'ends',
              from: '2026-01-01',
              to: { bogus_op: [] },
              where: {},
            },
          },
          count({ nope: 1, qty: { $contains: 'x' }, starts: { $gt: 'soon' }, 'title.x': 1 }),
          count({ qty: { $in: [1, { a: 1, b: 2 }] } }),
          count({ $nor: [] }),
        ],
      }),
    );
    const base = '/rules/0/expression/and';
    expect(issues).toEqual(
      expect.arrayContaining([
        `record_operation.unknown_entity ${base}/0/count_records/entity`,
        `record_operation.not_a_dependency ${base}/1/count_records/entity`,
        `record_operation.field ${base}/2/sum_records/field`,
        `record_operation.field ${base}/3/peak_overlap/start`,
        `record_operation.expression ${base}/3/peak_overlap/to`,
        `record_operation.where ${base}/5/count_records/where/qty/$in/1`,
        `record_operation.where ${base}/6/count_records/where`,
      ]),
    );
    expect(issues.filter((i) => i.startsWith(`record_operation.where ${base}/4/`))).toHaveLength(4);
  });

  it('keeps record operations out of computed fields and loops, and within the limit', () => {
    const computed = { name: 'n', type: 'computed', resultType: 'integer', label: { en: 'N' }, expression: count() };
    const many = { '+': Array.from({ length: MAX_RECORD_OPERATIONS + 1 }, () => count()) };
    const issues = validate(withRule({ and: [{ some: [[1], count()] }, many] }, [computed]));
    expect(issues).toEqual(
      expect.arrayContaining([
        'computed.record_operation /fields/5/expression',
        'record_operation.in_loop /rules/0/expression/and/0/some/1/count_records',
        'record_operation.too_many /rules/0/expression',
      ]),
    );
  });
});
