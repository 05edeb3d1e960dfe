import { describe, expect, it } from 'vitest';
import { bundleTables } from './physical-model.ts';
import { settle } from './plan-bundle.ts';
import {
  applied,
  bundle,
  en,
  field,
  fld,
  labels,
  only,
  planChangeOf,
  statementsOnMissingTables,
  type Def,
  type Defs,
} from './plan-test-kit.ts';
import { computePlan } from './plan-bundle.ts';

// Pure tests of the planner: definitions in, steps out. No database.

function baseDefs(): Defs {
  const bin: Def = {
    name: 'bin',
    label: en('Bin'),
    pluralLabel: en('Bins'),
    fields: [fld('code', 'string', { required: true, unique: true, maxLength: 20 }), fld('label', 'string')],
  };
  const item: Def = {
    name: 'item',
    label: en('Item'),
    pluralLabel: en('Items'),
    fields: [
      fld('name', 'string', { required: true, searchable: true, maxLength: 100 }),
      fld('sku', 'string', { maxLength: 50 }),
      fld('note', 'text'),
      fld('qty', 'integer'),
      fld('price', 'decimal', { precision: 12, scale: 2 }),
      fld('bin', 'reference', { entity: 'bin' }),
      fld('total', 'computed', { expression: { '*': [{ var: 'qty' }, { var: 'price' }] }, resultType: 'decimal' }),
    ],
  };
  return { bin, item };
}

const v1 = () => {
  const { bin, item } = baseDefs();
  return bundle([bin, item]);
};
const planChange = (edit: (d: Defs) => Def[] | void) => planChangeOf(baseDefs, edit);

const v1Tables = () => bundleTables(v1()).map((t) => t.name);

describe('diffTables / computePlan: creating', () => {
  it('creates tables, then indexes, then foreign keys from nothing', () => {
    const plan = computePlan(v1(), undefined);
    expect(plan).toMatchObject({ bundle: 'inv', fromVersion: null, toVersion: '1.0.0', noop: false });
    expect(only(plan, 'create_table').map((s) => s.table)).toEqual(['inv_bin', 'inv_item']);
    const item = only(plan, 'create_table')[1]!;
    expect(item.sql[0]).toMatch(/^CREATE TABLE "inv_item" \("id" uuid NOT NULL DEFAULT gen_random_uuid\(\), /);
    expect(item.sql[0]).toContain('"name" varchar(100) NOT NULL');
    expect(item.sql[0]).toContain('"price" numeric(12,2)');
    expect(item.sql[0]).toContain('PRIMARY KEY ("id")');
    expect(item.sql[1]).toBe(
      `ALTER TABLE "inv_item" ADD COLUMN search_text text GENERATED ALWAYS AS (lower(coalesce("name"::text, ''))) STORED`,
    );
    expect(only(plan, 'add_index').map((s) => s.sql[0]!.match(/INDEX "([^"]+)"/)![1])).toEqual([
      'ux_inv_bin_external_id',
      'ix_inv_bin_created_at_id',
      'ux_inv_bin_code',
      'ux_inv_item_external_id',
      'ix_inv_item_created_at_id',
      'ix_inv_item_bin',
      'ts_inv_item_search',
      'tg_inv_item_search',
    ]);
    expect(only(plan, 'add_foreign_key')).toEqual([
      expect.objectContaining({
        table: 'inv_item',
        column: 'bin',
        sql: [
          'ALTER TABLE "inv_item" ADD CONSTRAINT "fk_inv_item_bin" FOREIGN KEY ("bin") REFERENCES "inv_bin" (id) ON DELETE RESTRICT',
        ],
      }),
    ]);
    const kinds = plan.steps.map((s) => s.action);
    expect(kinds.lastIndexOf('create_table')).toBeLessThan(kinds.indexOf('add_index'));
    expect(kinds.lastIndexOf('add_index')).toBeLessThan(kinds.indexOf('add_foreign_key'));
    expect(plan.steps.some((s) => s.destructive)).toBe(false);
    expect(statementsOnMissingTables(plan, [])).toEqual([]);
  });

  it('plans nothing for the same bundle applied twice (noop)', () => {
    const plan = computePlan(v1(), applied(v1()));
    expect(plan).toMatchObject({ noop: true, steps: [], fromVersion: '1.0.0', toVersion: '1.0.0' });
  });

  it('plans no step but records a new version when only labels and the version change', () => {
    const plan = planChange(({ item }) => {
      item.label = en('Article');
    });
    expect(plan).toMatchObject({ noop: false, steps: [], fromVersion: '1.0.0', toVersion: '2.0.0' });
  });
});

describe('diffTables / computePlan: columns', () => {
  it('adds an optional column without touching rows', () => {
    const plan = planChange(({ item }) => void item.fields.push(fld('color', 'string', { maxLength: 20 })));
    expect(plan.steps).toEqual([
      expect.objectContaining({
        action: 'add_column',
        table: 'inv_item',
        column: 'color',
        destructive: false,
        sql: ['ALTER TABLE "inv_item" ADD COLUMN "color" varchar(20)'],
      }),
    ]);
    expect(plan.steps[0]!.check).toBeUndefined();
  });

  it('adds a required column with a default in one statement, not destructive', () => {
    const plan = planChange(({ item }) => {
      item.fields.push(fld('color', 'string', { maxLength: 20, required: true, default: 'grey' }));
    });
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]).toMatchObject({
      action: 'add_column',
      destructive: false,
      sql: [`ALTER TABLE "inv_item" ADD COLUMN "color" varchar(20) NOT NULL DEFAULT 'grey'`],
    });
  });

  it('marks a required column without default destructive, settled harmless on an empty table', () => {
    const plan = planChange(({ item }) => void item.fields.push(fld('color', 'string', { required: true })));
    const step = plan.steps[0]!;
    expect(step).toMatchObject({
      action: 'add_column',
      destructive: true,
      check: { kind: 'rows', table: 'inv_item' },
      sql: [
        'ALTER TABLE "inv_item" ADD COLUMN "color" varchar(255)',
        'ALTER TABLE "inv_item" ALTER COLUMN "color" SET NOT NULL',
      ],
    });
    expect(settle(step, 0)).toMatchObject({ destructive: false, rowsAffected: 0 });
    expect(settle(step, 3)).toMatchObject({ destructive: true, rowsAffected: 3 });
  });

  it('renames a column declared with renamedFrom (no drop, no add)', () => {
    const plan = planChange(({ item }) => void Object.assign(field(item, 'sku'), { name: 'ref', renamedFrom: 'sku' }));
    expect(plan.steps).toEqual([
      expect.objectContaining({
        action: 'rename_column',
        table: 'inv_item',
        column: 'ref',
        destructive: false,
        sql: ['ALTER TABLE "inv_item" RENAME COLUMN "sku" TO "ref"'],
      }),
    ]);
  });

  it('renames a searchable, indexed column and rebuilds its index and the search column', () => {
    const plan = planChange(({ item }) => {
      Object.assign(field(item, 'name'), { name: 'title', renamedFrom: 'name', index: true });
      Object.assign(field(item, 'sku'), { name: 'ref', renamedFrom: 'sku', unique: true });
    });
    expect(labels(plan)).not.toContain('drop_column inv_item.name');
    expect(labels(plan)).toEqual(
      expect.arrayContaining([
        'rename_column inv_item.title',
        'rename_column inv_item.ref',
        'add_index inv_item',
        'set_search inv_item',
      ]),
    );
    expect(only(plan, 'set_search')[0]!.sql.join('\n')).toContain(`coalesce("title"::text, '')`);
    expect(plan.steps.every((s) => !s.destructive)).toBe(true);
    expect(statementsOnMissingTables(plan, v1Tables())).toEqual([]);
  });

  it('drops a removed column, destructive, with a count of the values lost, after everything else', () => {
    const plan = planChange(({ item }) => {
      item.fields = item.fields.filter((f) => f.name !== 'note');
      item.fields.push(fld('color', 'string'));
    });
    expect(labels(plan)).toEqual(['add_column inv_item.color', 'drop_column inv_item.note']);
    expect(plan.steps[1]).toMatchObject({
      destructive: true,
      check: { kind: 'non_null', table: 'inv_item', column: 'note' },
      sql: ['ALTER TABLE "inv_item" DROP COLUMN "note"'],
    });
  });

  it('makes a column required (set_not_null) and optional again (drop_not_null)', () => {
    const required = planChange(({ item }) => void (field(item, 'sku').required = true));
    expect(required.steps).toEqual([
      expect.objectContaining({
        action: 'set_not_null',
        column: 'sku',
        destructive: true,
        check: { kind: 'nulls', table: 'inv_item', column: 'sku' },
        sql: ['ALTER TABLE "inv_item" ALTER COLUMN "sku" SET NOT NULL'],
      }),
    ]);
    expect(settle(required.steps[0]!, 0).destructive).toBe(false);
    const withDefault = planChange(
      ({ item }) => void Object.assign(field(item, 'sku'), { required: true, default: 'NA' }),
    );
    expect(labels(withDefault)).toEqual(['set_default inv_item.sku', 'set_not_null inv_item.sku']);
    expect(withDefault.steps[1]).toMatchObject({
      destructive: false,
      sql: [
        `UPDATE "inv_item" SET "sku" = 'NA' WHERE "sku" IS NULL`,
        'ALTER TABLE "inv_item" ALTER COLUMN "sku" SET NOT NULL',
      ],
    });
    const optional = planChange(({ item }) => void delete field(item, 'name').required);
    expect(optional.steps).toEqual([
      expect.objectContaining({
        action: 'drop_not_null',
        destructive: false,
        sql: ['ALTER TABLE "inv_item" ALTER COLUMN "name" DROP NOT NULL'],
      }),
    ]);
  });
});
