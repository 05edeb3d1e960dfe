import fc from 'fast-check';
import { FIELD_OPERATORS } from '../src/query/parse-filter.ts';

/** Any JSON-ish value of any type, for "wrong type" inputs. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.uuid(),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.string(), fc.integer()), { maxKeys: 3 }),
  fc.constantFrom('', ' ', '0', 'true', 'null', '2026-01-01', '08:30', 'draft', "'; drop table x; --", '\u0000'),
);

const isoDate = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

/** Filter values of every type a field might be compared with. */
export const filterScalar: fc.Arbitrary<unknown> = fc.oneof(
  anyValue,
  isoDate,
  isoDate.map((s) => s.slice(0, 10)),
  fc.constantFrom('draft', 'active', 'done', 'North base', 'red', 'AA-001', '12:00', '2026-02-30', 'abc'),
  fc.integer({ min: -5, max: 1200 }),
  fc.constantFrom(1e10, -1e10, 2 ** 31, 0.5, 1e300),
);

/** Field paths a sample filter may name: real, system, dotted, many-to-many and made-up ones. */
export const FILTER_PATHS = [
  'title',
  'code',
  'description',
  'quantity',
  'weight',
  'active',
  'collected_on',
  'measured_at',
  'start_time',
  'status',
  'contact_email',
  'phone',
  'link',
  'site',
  'backup_site',
  'parent',
  'tags',
  'extra',
  'location',
  'display',
  'ref_label',
  'has_backup',
  'secret',
  'number',
  'id',
  'external_id',
  'created_at',
  'updated_at',
  'created_by',
  'updated_by',
  'company_id',
  'deleted_at',
  'version',
  'search_text',
  'nope',
  'site.name',
  'site.region',
  'site.capacity',
  'site.company_id',
  'site.nope',
  'backup_site.name',
  'tags.name',
  'tags.order',
  'tags.group',
  'parent.title',
  'parent.site.name',
  'parent.tags.name',
  'title.x',
  'a.b.c.d.e',
  'Title',
  'name; drop table x',
  'a"b',
  'constructor',
];

export const OPERATORS = [...FIELD_OPERATORS, '$regex', '$exists'];

const opValue = fc.oneof(
  filterScalar,
  fc.array(filterScalar, { maxLength: 4 }),
  fc.tuple(filterScalar, filterScalar),
  fc.boolean(),
);

const fieldCondition = fc.oneof(
  fc.tuple(fc.constantFrom(...FILTER_PATHS), filterScalar).map(([f, v]) => ({ [f]: v })),
  fc
    .tuple(
      fc.constantFrom(...FILTER_PATHS),
      fc.array(fc.tuple(fc.constantFrom(...OPERATORS), opValue), { minLength: 1, maxLength: 2 }),
    )
    .map(([f, ops]) => ({ [f]: Object.fromEntries(ops) })),
);

const EQUALITY = ['$eq', '$ne', '$in', '$nin', '$null'];
const ORDERED = [...EQUALITY, '$lt', '$lte', '$gt', '$gte', '$between'];
const TEXTUAL = [...ORDERED, '$contains', '$startsWith'];
const text = fc.string({ maxLength: 12 });
const int = fc.integer({ min: -5, max: 1200 });
const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }))
  .map((xs) => xs.map((x) => String(x).padStart(2, '0')).join(':'));

/** Sample fields (and paths) with the operators they support and a value of the right type. */
const TYPED: Record<string, [string[], fc.Arbitrary<unknown>]> = {
  title: [TEXTUAL, fc.oneof(text, fc.constantFrom('Alpha quartz', 'Beta basalt'))],
  code: [TEXTUAL, fc.constantFrom('AA-001', 'BB-002', 'ZZ-999')],
  description: [TEXTUAL, text],
  quantity: [ORDERED, int],
  weight: [ORDERED, fc.double({ min: -1000, max: 1000, noNaN: true })],
  active: [EQUALITY, fc.boolean()],
  collected_on: [ORDERED, isoDate.map((s) => s.slice(0, 10))],
  measured_at: [ORDERED, isoDate],
  start_time: [ORDERED, time],
  status: [TEXTUAL, fc.constantFrom('draft', 'active', 'done')],
  site: [EQUALITY, fc.uuid()],
  parent: [EQUALITY, fc.uuid()],
  id: [EQUALITY, fc.uuid()],
  external_id: [[...ORDERED.filter((o) => o !== '$null'), '$startsWith'], text],
  created_at: [ORDERED, isoDate],
  display: [TEXTUAL, text],
  has_backup: [EQUALITY, fc.boolean()],
  number: [TEXTUAL, text],
  extra: [['$null'], fc.boolean()],
  tags: [['$eq', '$in'], fc.uuid()],
  'site.name': [TEXTUAL, fc.constantFrom('North base', 'South base', 'x')],
  'site.capacity': [ORDERED, int],
  'tags.name': [TEXTUAL, fc.constantFrom('red', 'blue', 'big')],
  'tags.order': [ORDERED, int],
  'parent.title': [TEXTUAL, text],
  'parent.site.name': [TEXTUAL, text],
};

function typedValue(op: string, value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  switch (op) {
    case '$in':
    case '$nin':
      return fc.array(fc.oneof({ weight: 5, arbitrary: value }, fc.constant(null)), { maxLength: 4 });
    case '$between':
      return fc.tuple(value, value);
    case '$null':
      return fc.boolean();
    case '$contains':
    case '$startsWith':
      return fc.string({ minLength: 1, maxLength: 10 });
    case '$eq':
    case '$ne':
      return fc.oneof({ weight: 5, arbitrary: value }, fc.constant(null));
    default:
      return value;
  }
}

/** A condition that the sample entity accepts: a known field, one of its operators, a value of its type. */
export const typedCondition: fc.Arbitrary<Record<string, unknown>> = fc
  .constantFrom(...Object.keys(TYPED))
  .chain((field): fc.Arbitrary<Record<string, unknown>> => {
    const [ops, value] = TYPED[field]!;
    if (field === 'tags')
      return fc.oneof(
        value.map((v) => ({ tags: v })),
        fc.array(value, { maxLength: 3 }).map((v) => ({ tags: { $in: v } })),
      );
    return fc
      .constantFrom(...ops)
      .chain((op) =>
        fc
          .tuple(typedValue(op, value), fc.boolean())
          .map(([v, bare]) => (op === '$eq' && v !== null && bare ? { [field]: v } : { [field]: { [op]: v } })),
      );
  });

/** Filters on sample made of typed conditions only: they should all be accepted. */
export const typedFilter: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    typedCondition,
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((xs) => ({ $and: xs })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((xs) => ({ $or: xs })),
    tie('node').map((x) => ({ $not: x })),
  ),
})).node;

/** Structured filters: fields × operators × values of random types, nested in $and/$or/$not. */
export const structuredFilter: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fieldCondition,
    typedCondition,
    typedCondition,
    fc.array(tie('node'), { maxLength: 3 }).map((xs) => ({ $and: xs })),
    fc.array(tie('node'), { maxLength: 3 }).map((xs) => ({ $or: xs })),
    tie('node').map((x) => ({ $not: x })),
    fc.tuple(fieldCondition, fieldCondition).map(([a, b]) => ({ ...(a as object), ...(b as object) })),
  ),
})).node;
