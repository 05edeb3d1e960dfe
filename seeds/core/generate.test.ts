import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EntityDefinition } from '@opsflux/definitions';
import { describe, expect, it } from 'vitest';
import { EURO_PEGS, generateCoreSeed, RATES_YEAR, TIME_ZONES, type SeedRecord, type SeedRef } from './generate.ts';

// The seed's own facts, without a database; engine/test/core-bundle.test.ts loads it through
// the engine's write path, which checks every value against the bundle.

const ENTITIES_DIR = fileURLToPath(new URL('../../definitions/bundles/core/entities', import.meta.url));
const entities: EntityDefinition[] = readdirSync(ENTITIES_DIR).map((f) =>
  JSON.parse(readFileSync(`${ENTITIES_DIR}/${f}`, 'utf8')),
);
const entity = (name: string) => entities.find((e) => e.name === name)!;

const seed = generateCoreSeed();
const lists = Object.entries(seed) as [string, SeedRecord[]][];
const byExternalId = new Map(
  lists.flatMap(([name, rows]) => rows.map((r) => [r.external_id as string, { name, r }] as const)),
);
const refId = (v: unknown) => (v as SeedRef).$ref;
const code = (ref: unknown) => byExternalId.get(refId(ref))!.r.code as string;

describe('core demo seed', () => {
  it('has one list per entity of the bundle, currencies before the rates that use them', () => {
    expect(Object.keys(seed).sort()).toEqual(entities.map((e) => e.name).sort());
    const order = Object.keys(seed);
    expect(order.indexOf('currency')).toBeLessThan(order.indexOf('exchange_rate'));
    expect(seed.site.length).toBeGreaterThanOrEqual(30);
    expect(seed.currency.length).toBeGreaterThanOrEqual(12);
    expect(seed.unit.length).toBeGreaterThanOrEqual(40);
    expect(seed.tag.length).toBeGreaterThanOrEqual(15);
  });

  it('is deterministic', () => {
    expect(generateCoreSeed()).toEqual(seed);
  });

  it('writes only fields of the bundle, with every required one and enum values it knows', () => {
    const problems: string[] = [];
    for (const [name, rows] of lists) {
      const fields = new Map(entity(name).fields.map((f) => [f.name, f]));
      for (const r of rows) {
        const say = (m: string) => problems.push(`${String(r.external_id)}: ${m}`);
        for (const k of Object.keys(r)) if (k !== 'external_id' && !fields.has(k)) say(`${k} is not a field`);
        for (const f of fields.values()) {
          const v = r[f.name];
          if (f.required && f.default === undefined && (v === undefined || v === '')) say(`${f.name} is missing`);
          if (f.type === 'computed' && v !== undefined) say(`${f.name} is computed`);
          if (f.type === 'enum' && v !== undefined && !f.values.some((e) => e.value === v))
            say(`${f.name}: ${String(v)}`);
          if (f.type === 'string' && f.pattern && v !== undefined && !new RegExp(`^(?:${f.pattern})$`).test(String(v)))
            say(`${f.name} does not match: ${String(v)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('uses unique external ids and unique codes', () => {
    const all = lists.flatMap(([, rows]) => rows.map((r) => r.external_id));
    expect(new Set(all).size).toBe(all.length);
    const unique = (rows: SeedRecord[], key: (r: SeedRecord) => unknown) => new Set(rows.map(key)).size === rows.length;
    expect(unique(seed.site, (r) => r.code)).toBe(true);
    expect(unique(seed.currency, (r) => r.code)).toBe(true);
    expect(unique(seed.currency, (r) => r.numeric_code)).toBe(true);
    expect(unique(seed.unit, (r) => r.code)).toBe(true);
    expect(unique(seed.tag, (r) => r.name)).toBe(true);
    const pair = (r: SeedRecord) => `${refId(r.from_currency)} ${refId(r.to_currency)} ${String(r.valid_on)}`;
    expect(unique(seed.exchange_rate, pair)).toBe(true);
  });

  it('places installations under a field of the same country, listed before them', () => {
    const position = new Map(seed.site.map((s, i) => [s.external_id, i]));
    const children = seed.site.filter((s) => s.parent !== undefined);
    expect(children.length).toBeGreaterThanOrEqual(8);
    for (const s of children) {
      const parent = byExternalId.get(refId(s.parent));
      expect(parent?.name).toBe('site');
      expect(parent!.r).toMatchObject({ kind: 'field', country: s.country });
      expect(position.get(parent!.r.external_id)!).toBeLessThan(position.get(s.external_id)!);
    }
    const kinds = new Set(seed.site.map((s) => s.kind));
    expect([...kinds].sort()).toEqual(['base', 'field', 'fpso', 'offshore', 'onshore', 'terminal']);
  });

  it('gives every site its country time zone, one IANA knows', () => {
    for (const s of seed.site) {
      expect(s.time_zone).toBe(TIME_ZONES[s.country as keyof typeof TIME_ZONES]);
      expect(() => new Intl.DateTimeFormat('en', { timeZone: s.time_zone as string })).not.toThrow();
    }
    for (const cc of ['CM', 'GA', 'CG', 'GQ', 'NG', 'AO']) expect(seed.site.some((s) => s.country === cc)).toBe(true);
  });

  it('has a rate from USD and from EUR to every other currency on the first of each month', () => {
    const currencies = seed.currency.length;
    expect(seed.exchange_rate).toHaveLength(12 * 2 * (currencies - 1));
    const dates = new Set(seed.exchange_rate.map((r) => r.valid_on));
    expect([...dates].sort()).toEqual(
      Array.from({ length: 12 }, (_, m) => `${RATES_YEAR}-${String(m + 1).padStart(2, '0')}-01`),
    );
    for (const r of seed.exchange_rate) {
      expect(['USD', 'EUR']).toContain(code(r.from_currency));
      expect(refId(r.from_currency)).not.toBe(refId(r.to_currency));
      expect(r.rate as number).toBeGreaterThan(0);
      expect(Number((r.rate as number).toFixed(10))).toBe(r.rate);
    }
  });

  it('keeps the euro pegs exact and the cross rates consistent', () => {
    const rates = new Map(
      seed.exchange_rate.map((r) => [
        `${String(r.valid_on)} ${code(r.from_currency)}-${code(r.to_currency)}`,
        r.rate as number,
      ]),
    );
    for (const date of new Set(seed.exchange_rate.map((r) => String(r.valid_on)))) {
      const at = (pair: string) => rates.get(`${date} ${pair}`)!;
      expect(at('EUR-XAF')).toBe(655.957);
      expect(at('EUR-XOF')).toBe(655.957);
      expect(at('EUR-STN')).toBe(24.5);
      expect(EURO_PEGS).toEqual({ XAF: 655.957, XOF: 655.957, STN: 24.5 });
      expect(at('EUR-USD') * at('USD-EUR')).toBeCloseTo(1, 5);
      for (const c of seed.currency.map((x) => x.code as string).filter((x) => x !== 'USD' && x !== 'EUR')) {
        expect(at(`USD-EUR`) * at(`EUR-${c}`), `${date} ${c}`).toBeCloseTo(at(`USD-${c}`), 2);
      }
    }
  });

  it('gives each unit category its base unit, and converts like the definitions say', () => {
    const categories = entity('unit').fields.find((f) => f.name === 'category')!;
    if (categories.type !== 'enum') throw new Error('category is an enum');
    for (const { value } of categories.values) {
      // The first unit of a category is its base; others may equal it (a person counts as one).
      const first = seed.unit.find((u) => u.category === value);
      expect(first, value).toMatchObject({ factor: 1, offset: 0 });
    }
    for (const u of seed.unit) expect(u.factor as number).toBeGreaterThan(0);
    const unit = (c: string) => seed.unit.find((u) => u.code === c)! as { factor: number; offset: number };
    const toBase = (value: number, c: string) => value * unit(c).factor + unit(c).offset;
    expect(toBase(100, 'degC')).toBeCloseTo(373.15, 9);
    expect(toBase(212, 'degF')).toBeCloseTo(373.15, 9);
    expect(toBase(1, 'bbl') / unit('L').factor).toBeCloseTo(158.987294928, 9);
    expect(toBase(1, 'bbl/d') * 86400).toBeCloseTo(unit('bbl').factor, 12);
    expect(toBase(14.5037738, 'psi')).toBeCloseTo(unit('bar').factor, 1);
  });

  it('gives currencies their ISO 4217 minor units', () => {
    const decimals = Object.fromEntries(seed.currency.map((c) => [c.code, c.decimals]));
    expect(decimals).toMatchObject({ XAF: 0, XOF: 0, NGN: 2, AOA: 2, USD: 2, EUR: 2, GBP: 2, NOK: 2 });
  });
});
