import { describe, expect, it } from 'vitest';
import { isWidening } from './diff-tables.ts';
import { bundleTables } from './physical-model.ts';
import {
  bundle,
  en,
  field,
  fld,
  labels,
  only,
  planChangeOf,
  statementsOnMissingTables as missingTables,
  type Def,
  type Defs,
} from './plan-test-kit.ts';

// Pure tests of the planner (types, indexes, links, search, computed, entities, order). No database.

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
      fld('qty', 'integer', { index: true }),
      fld('price', 'decimal', { precision: 12, scale: 2 }),
      fld('bin', 'reference', { entity: 'bin' }),
      fld('tags', 'references', { entity: 'bin' }),
      fld('total', 'computed', { expression: { '*': [{ var: 'qty' }, { var: 'price' }] }, resultType: 'decimal' }),
    ],
  };
  return { bin, item };
}

const v1 = () => bundle(Object.values(baseDefs()), '1.0.0');
const planChange = (edit: (d: Defs) => Def[] | void) => planChangeOf(baseDefs, edit);
const statementsOnMissingTables = (p: Parameters<typeof missingTables>[0]) =>
  missingTables(
    p,
    bundleTables(v1()).map((t) => t.name),
  );

describe('type changes', () => {
  const retype = (name: string, patch: Record<string, unknown>) =>
    planChange(({ item }) => {
      const f = field(item, name);
      for (const k of ['maxLength', 'precision', 'scale']) delete f[k];
      Object.assign(f, patch);
    }).steps;

  it('widens varchar(50) to varchar(100) in place, not destructive', () => {
    expect(retype('sku', { maxLength: 100 })).toEqual([
      expect.objectContaining({
        action: 'alter_type',
        destructive: false,
        sql: ['ALTER TABLE "inv_item" ALTER COLUMN "sku" TYPE varchar(100)'],
      }),
    ]);
    expect(retype('sku', { maxLength: 100 })[0]!.check).toBeUndefined();
  });

  it('widens integer to decimal(18,2), not destructive', () => {
    expect(retype('qty', { type: 'decimal', precision: 18, scale: 2 })[0]).toMatchObject({
      action: 'alter_type',
      destructive: false,
    });
  });

  it('narrows varchar(50) to varchar(10): destructive, with a cast check', () => {
    expect(retype('sku', { maxLength: 10 })).toEqual([
      expect.objectContaining({
        action: 'alter_type',
        destructive: true,
        check: { kind: 'cast', table: 'inv_item', column: 'sku', from: 'varchar(50)', to: 'varchar(10)' },
        sql: ['ALTER TABLE "inv_item" ALTER COLUMN "sku" TYPE varchar(10)'],
      }),
    ]);
  });

  it('narrows decimal to integer and text to integer with a USING cast: destructive', () => {
    expect(retype('price', { type: 'integer' })[0]).toMatchObject({
      destructive: true,
      check: { kind: 'cast', column: 'price', to: 'integer' },
      sql: ['ALTER TABLE "inv_item" ALTER COLUMN "price" TYPE integer USING "price"::integer'],
    });
    expect(retype('note', { type: 'integer' })[0]).toMatchObject({
      destructive: true,
      check: { kind: 'cast', column: 'note', to: 'integer' },
      sql: ['ALTER TABLE "inv_item" ALTER COLUMN "note" TYPE integer USING "note"::integer'],
    });
  });

  it('rebuilds search_text around a type change of a searchable column', () => {
    const steps = retype('name', { maxLength: 200 });
    const alter = steps.findIndex((s) => s.action === 'alter_type');
    const rebuild = steps.findIndex((s) => s.sql.some((q) => q.includes('DROP COLUMN IF EXISTS search_text')));
    expect(rebuild).toBeGreaterThanOrEqual(0);
    expect(rebuild).toBeLessThan(alter);
  });
});

describe('isWidening', () => {
  it.each([
    ['varchar(50)', 'varchar(100)', true],
    ['varchar(100)', 'varchar(100)', true],
    ['varchar(100)', 'varchar(10)', false],
    ['varchar(100)', 'text', true],
    ['integer', 'text', true],
    ['text', 'varchar(10)', false],
    ['text', 'integer', false],
    ['integer', 'bigint', true],
    ['integer', 'numeric', true],
    ['bigint', 'numeric', true],
    ['bigint', 'integer', false],
    ['numeric(12,2)', 'numeric', true],
    ['numeric(12,2)', 'numeric(14,2)', true],
    ['numeric(12,2)', 'numeric(14,4)', true],
    ['numeric(12,2)', 'numeric(12,4)', false],
    ['numeric(12,2)', 'numeric(12,0)', false],
    ['numeric(12,2)', 'integer', false],
    ['date', 'timestamptz', true],
    ['timestamptz', 'date', false],
    ['boolean', 'integer', false],
  ])('%s → %s: %s', (from, to, expected) => {
    expect(isWidening(from, to)).toBe(expected);
  });

  it.each([
    ['integer', 'numeric(18,2)'],
    ['bigint', 'numeric(30,2)'],
  ])('%s → %s is widening', (from, to) => {
    expect(isWidening(from, to)).toBe(true);
  });
});

describe('indexes, links, search and computed fields', () => {
  it('makes values of a company-scoped entity unique per company, and among records without one', () => {
    const scoped = planChange(({ bin }) => void (bin.companyScoped = true));
    const sql = scoped.steps.flatMap((s) => s.sql);
    expect(sql).toEqual(
      expect.arrayContaining([
        'CREATE UNIQUE INDEX "ux_inv_bin_company_id_code" ON "inv_bin" ("company_id", "code")',
        'CREATE UNIQUE INDEX "un_inv_bin_code" ON "inv_bin" ("code") WHERE "company_id" IS NULL',
        'CREATE UNIQUE INDEX "ux_inv_bin_company_id_external_id" ON "inv_bin" ("company_id", "external_id")',
        'DROP INDEX IF EXISTS "ux_inv_bin_code"',
      ]),
    );
    const partial = scoped.steps.find((s) => s.sql[0]?.includes('un_inv_bin_code'));
    expect(partial?.check).toEqual({
      kind: 'duplicates',
      table: 'inv_bin',
      columns: ['code'],
      where: '"company_id" IS NULL',
    });
  });

  it('adds and removes a unique index (with a duplicates check) and a plain index', () => {
    const unique = planChange(({ item }) => void (field(item, 'sku').unique = true));
    expect(unique.steps).toEqual([
      expect.objectContaining({
        action: 'add_index',
        sql: ['CREATE UNIQUE INDEX "ux_inv_item_sku" ON "inv_item" ("sku")'],
        check: { kind: 'duplicates', table: 'inv_item', columns: ['sku'] },
      }),
    ]);
    const noUnique = planChange(({ bin }) => void delete field(bin, 'code').unique);
    expect(noUnique.steps).toEqual([
      expect.objectContaining({ action: 'drop_index', sql: ['DROP INDEX IF EXISTS "ux_inv_bin_code"'] }),
    ]);
    const index = planChange(({ item }) => void (field(item, 'sku').index = true));
    expect(index.steps.map((s) => s.sql[0])).toEqual(['CREATE INDEX "ix_inv_item_sku" ON "inv_item" ("sku")']);
    const noIndex = planChange(({ item }) => void delete field(item, 'qty').index);
    expect(noIndex.steps.map((s) => s.sql[0])).toEqual(['DROP INDEX IF EXISTS "ix_inv_item_qty"']);
  });

  it('changes onDelete by dropping and re-adding the foreign key', () => {
    const plan = planChange(({ item }) => void (field(item, 'bin').onDelete = 'cascade'));
    expect(labels(plan)).toEqual(['drop_foreign_key inv_item', 'add_foreign_key inv_item.bin']);
    expect(plan.steps[0]!.sql).toEqual(['ALTER TABLE "inv_item" DROP CONSTRAINT IF EXISTS "fk_inv_item_bin"']);
    expect(plan.steps[1]!.sql[0]).toMatch(/REFERENCES "inv_bin" \(id\) ON DELETE CASCADE$/);
    expect(plan.steps.some((s) => s.destructive)).toBe(false);
  });

  it('rebuilds the search column when searchable fields change, and removes it when none is left', () => {
    const more = planChange(({ item }) => void (field(item, 'sku').searchable = true));
    expect(labels(more)).toEqual(['drop_search inv_item', 'set_search inv_item']);
    expect(more.steps[0]!.sql).toEqual([
      'DROP INDEX IF EXISTS "ts_inv_item_search"',
      'DROP INDEX IF EXISTS "tg_inv_item_search"',
      'ALTER TABLE "inv_item" DROP COLUMN IF EXISTS search_text',
    ]);
    expect(more.steps[1]!.sql).toEqual([
      `ALTER TABLE "inv_item" ADD COLUMN search_text text GENERATED ALWAYS AS (lower(coalesce("name"::text, '') || ' ' || coalesce("sku"::text, ''))) STORED`,
      `CREATE INDEX "ts_inv_item_search" ON "inv_item" USING gin (to_tsvector('simple'::regconfig, search_text))`,
      'CREATE INDEX "tg_inv_item_search" ON "inv_item" USING gin (search_text gin_trgm_ops)',
    ]);
    const none = planChange(({ item }) => void delete field(item, 'name').searchable);
    expect(none.steps).toEqual([
      expect.objectContaining({ action: 'drop_search', description: 'Set aside the full-text search of inv_item' }),
    ]);
    expect(none.steps[0]!.sql.some((s) => s.includes('ADD COLUMN search_text'))).toBe(false);
  });

  it('recomputes stored values when a computed expression changes, not when nothing does', () => {
    const plan = planChange(({ item }) => {
      field(item, 'total').expression = { '*': [{ var: 'qty' }, { var: 'price' }, 2] };
    });
    expect(plan.steps).toEqual([
      expect.objectContaining({ action: 'recompute', table: 'inv_item', recompute: ['total'], sql: [] }),
    ]);
  });
});

describe('entities and step order', () => {
  it('renames an entity declared with renamedFrom and re-points the links to it', () => {
    const plan = planChange(({ bin, item }) => {
      Object.assign(bin, { name: 'location', renamedFrom: 'bin' });
      field(item, 'bin').entity = 'location';
      field(item, 'tags').entity = 'location';
    });
    expect(only(plan, 'rename_table')).toEqual([
      expect.objectContaining({ table: 'inv_location', sql: ['ALTER TABLE "inv_bin" RENAME TO "inv_location"'] }),
    ]);
    expect(labels(plan).filter((l) => /create_table|drop_table|drop_column|add_column/.test(l))).toEqual([]);
    expect(only(plan, 'add_foreign_key').map((s) => s.sql[0]!.match(/REFERENCES "(\w+)"/)![1])).toEqual([
      'inv_location',
      'inv_location',
    ]);
    expect(plan.steps.some((s) => s.destructive)).toBe(false);
    expect(statementsOnMissingTables(plan)).toEqual([]);
  });

  it('renames an entity that has a reference field without touching a missing table', () => {
    const plan = planChange(({ bin, item }) => [bin, { ...item, name: 'article', renamedFrom: 'item' }]);
    expect(statementsOnMissingTables(plan)).toEqual([]);
  });

  it('keeps the join table of a references field when its entity is renamed', () => {
    const plan = planChange(({ bin, item }) => [bin, { ...item, name: 'article', renamedFrom: 'item' }]);
    expect(only(plan, 'drop_table')).toEqual([]);
    expect(only(plan, 'rename_table').map((s) => s.table)).toContain('inv_article__tags');
  });

  it('drops a removed entity: foreign keys first, tables last, destructive with a row count', () => {
    const plan = planChange(({ item }) => {
      item.fields = item.fields.filter((f) => !['bin', 'tags'].includes(f.name as string));
      item.fields.push(fld('color', 'string'));
      return [item];
    });
    expect(labels(plan)).toEqual([
      'drop_foreign_key inv_item',
      'drop_foreign_key inv_item__tags',
      'drop_foreign_key inv_item__tags',
      'drop_index inv_item',
      'add_column inv_item.color',
      'drop_column inv_item.bin',
      'drop_table inv_bin',
      'drop_table inv_item__tags',
    ]);
    expect(only(plan, 'drop_table')[0]).toMatchObject({
      destructive: true,
      check: { kind: 'rows', table: 'inv_bin' },
      sql: ['DROP TABLE "inv_bin"'],
    });
    expect(statementsOnMissingTables(plan)).toEqual([]);
  });
});
