import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EntityDefinition } from '@opsflux/definitions';
import { describe, expect, it } from 'vitest';
import { generateCoreSeed } from '../core/generate.ts';
import type { SeedRecord, SeedRef } from '../core/seed-types.ts';
import { generatePobvue } from './generate.ts';
import { addDays, daysBetween } from './random.ts';

// The seed's own facts, without a database: it must keep the bundle's rules (max POB, valid
// certificates, one approved stay per person at a time) for every stay that went past draft.
// engine/test/bundle-pobvue-smoke.test.ts loads it and walks the stays through the workflow.

const ENTITIES_DIR = fileURLToPath(new URL('../../definitions/bundles/pobvue/entities', import.meta.url));
const entities: EntityDefinition[] = readdirSync(ENTITIES_DIR).map((f) =>
  JSON.parse(readFileSync(`${ENTITIES_DIR}/${f}`, 'utf8')),
);
const TODAY = '2026-03-01';
const { seed, journeys } = generatePobvue({ today: TODAY });
const lists = Object.entries(seed) as [string, SeedRecord[]][];
const refId = (v: unknown) => (v as SeedRef | undefined)?.$ref;
const byId = <T extends SeedRecord>(rows: T[]) => new Map(rows.map((r) => [r.external_id as string, r]));

const types = byId(seed.certificate_type);
const capacities = new Map(seed.site_capacity.map((c) => [refId(c.site), c]));
const stateOf = new Map(journeys.map((j) => [j.externalId, j.state]));
const COMMITTED = ['approved', 'on_site', 'completed'];
const maxPob = (c: SeedRecord) =>
  Math.min(c.beds as number, (c.lifeboat_port as number) ?? Infinity, (c.lifeboat_starboard as number) ?? Infinity);
const nights = (s: SeedRecord) =>
  Array.from({ length: daysBetween(s.arrival as string, s.departure as string) }, (_, i) =>
    addDays(s.arrival as string, i),
  );

function qualifies(stay: SeedRecord): boolean {
  const site = capacities.get(refId(stay.site))!;
  const held = seed.certificate.filter(
    (c) =>
      refId(c.person) === refId(stay.person) &&
      c.verified === true &&
      (c.issued_on as string) <= (stay.arrival as string) &&
      (c.expires_on as string) >= (stay.departure as string),
  );
  const has = (fits: (t: SeedRecord) => boolean) => held.some((c) => fits(types.get(refId(c.type)!)!));
  return (
    (!site.requires_survival || has((t) => t.category === 'offshore_survival')) &&
    (!site.requires_medical || has((t) => t.category === 'offshore_medical')) &&
    (!site.requires_huet || has((t) => t.category === 'huet' || t.includes_huet === true))
  );
}

describe('pobvue demo seed', () => {
  it('has one list per entity, each after the lists it refers to', () => {
    expect(Object.keys(seed)).toEqual(['certificate_type', 'site_capacity', 'person', 'certificate', 'stay_request']);
    expect(Object.keys(seed).sort()).toEqual(entities.map((e) => e.name).sort());
    expect(seed.person.length).toBeGreaterThanOrEqual(80);
    expect(seed.stay_request.length).toBeGreaterThanOrEqual(140);
  });

  it('is deterministic for a given day', () => {
    expect(generatePobvue({ today: TODAY })).toEqual({ seed, journeys });
    expect(generatePobvue({ today: TODAY, seed: 2 }).seed).not.toEqual(seed);
  });

  it('writes only fields of the bundle, with every required one and enum values it knows', () => {
    const problems: string[] = [];
    for (const [name, rows] of lists) {
      const fields = new Map(entities.find((e) => e.name === name)!.fields.map((f) => [f.name, f]));
      for (const r of rows) {
        const say = (m: string) => problems.push(`${String(r.external_id)}: ${m}`);
        for (const k of Object.keys(r)) if (k !== 'external_id' && !fields.has(k)) say(`${k} is not a field`);
        for (const f of fields.values()) {
          const v = r[f.name];
          if (f.required && f.default === undefined && v === undefined) say(`${f.name} is missing`);
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

  it('uses unique external ids and refers only to core sites and its own records', () => {
    const all = lists.flatMap(([, rows]) => rows.map((r) => r.external_id as string));
    expect(new Set(all).size).toBe(all.length);
    const own = new Set(all);
    const coreSites = new Set(generateCoreSeed().site.map((s) => s.external_id));
    for (const [, rows] of lists)
      for (const r of rows)
        for (const v of Object.values(r)) {
          const target = refId(v);
          if (target && typeof v === 'object') expect(own.has(target) || coreSites.has(target), target).toBe(true);
        }
  });

  it('declares the beds of the core seed, and lifeboats for every platform and FPSO', () => {
    const core = new Map(generateCoreSeed().site.map((s) => [s.external_id, s]));
    for (const c of seed.site_capacity) {
      const site = core.get(refId(c.site))!;
      expect(c.beds, String(site.code)).toBe(site.pob_capacity);
      if (['offshore', 'fpso'].includes(site.kind as string)) {
        expect(c).toMatchObject({ requires_survival: true, requires_medical: true });
        expect(c.lifeboat_port).toBeDefined();
        expect(c.lifeboat_starboard).toBeDefined();
      }
      if (c.transfer_mode === 'helicopter') expect(c.requires_huet).toBe(true);
    }
    expect(seed.site_capacity.some((c) => maxPob(c) < (c.beds as number))).toBe(true);
  });

  it('has certificates lapsing within 30 days, lapsed ones, and unverified ones', () => {
    const days = seed.certificate.map((c) => daysBetween(TODAY, c.expires_on as string));
    expect(days.filter((d) => d >= 0 && d <= 30).length).toBeGreaterThanOrEqual(8);
    expect(days.filter((d) => d < 0).length).toBeGreaterThanOrEqual(6);
    expect(seed.certificate.filter((c) => c.verified === false).length).toBeGreaterThanOrEqual(3);
  });

  it('spreads a month of stays around the day, in every state', () => {
    for (const s of seed.stay_request) {
      expect(Math.abs(daysBetween(TODAY, s.arrival as string))).toBeLessThanOrEqual(30);
      expect(daysBetween(s.arrival as string, s.departure as string)).toBeGreaterThan(0);
    }
    expect(new Set(journeys.map((j) => j.state))).toEqual(
      new Set(['draft', 'submitted', 'approved', 'on_site', 'completed', 'rejected', 'cancelled']),
    );
    expect(journeys.map((j) => j.externalId).sort()).toEqual(seed.stay_request.map((s) => s.external_id).sort());
    const firstOther = journeys.findIndex((j) => !COMMITTED.includes(j.state));
    expect(journeys.slice(firstOther).every((j) => !COMMITTED.includes(j.state))).toBe(true);
  });

  it('keeps the rules for every stay that went past draft', () => {
    const submitted = seed.stay_request.filter((s) => stateOf.get(s.external_id as string) !== 'draft');
    expect(submitted.filter((s) => !qualifies(s)).map((s) => s.external_id)).toEqual([]);
    const committed = submitted.filter((s) => COMMITTED.includes(stateOf.get(s.external_id as string)!));
    const perNight = new Map<string, number>();
    for (const s of committed)
      for (const n of nights(s))
        perNight.set(`${refId(s.site)} ${n}`, (perNight.get(`${refId(s.site)} ${n}`) ?? 0) + 1);
    for (const [key, count] of perNight) {
      const site = key.split(' ')[0]!;
      expect(count, key).toBeLessThanOrEqual(maxPob(capacities.get(site)!));
    }
    const full = [...perNight].filter(([key, n]) => key.startsWith('CORE-SITE-CG-LOE-WHP1') && n === 10);
    expect(full.length).toBeGreaterThan(0);
    for (const a of committed)
      for (const b of committed)
        if (a !== b && refId(a.person) === refId(b.person))
          expect(
            (a.arrival as string) < (b.departure as string) && (b.arrival as string) < (a.departure as string),
          ).toBe(false);
  });

  it('holds a draft that submitting would refuse for a certificate lapsing before departure', () => {
    const drafts = seed.stay_request.filter((s) => stateOf.get(s.external_id as string) === 'draft');
    expect(drafts.some((s) => !qualifies(s))).toBe(true);
  });
});
