import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EntityDefinition, WorkflowDefinition } from '@opsflux/definitions';
import { describe, expect, it } from 'vitest';
import { generateCoreSeed } from '../core/generate.ts';
import type { SeedRecord, SeedRef } from '../core/seed-types.ts';
import { daysBetween } from '../pobvue/random.ts';
import { generateMocvue } from './generate.ts';

// The seed's own facts, without a database. engine/test/bundle-mocvue-smoke.test.ts loads it
// and fires each change's journey, which checks it against the workflow's guards and fields.

const BUNDLE = fileURLToPath(new URL('../../definitions/bundles/mocvue', import.meta.url));
const entities: EntityDefinition[] = readdirSync(`${BUNDLE}/entities`).map((f) =>
  JSON.parse(readFileSync(`${BUNDLE}/entities/${f}`, 'utf8')),
);
const workflow: WorkflowDefinition = JSON.parse(readFileSync(`${BUNDLE}/workflows/change_request.json`, 'utf8'));
const TODAY = '2026-03-01';
const { seed, journeys } = generateMocvue({ today: TODAY });
const lists = Object.entries(seed) as [string, SeedRecord[]][];
const refId = (v: unknown) => (v as SeedRef | undefined)?.$ref;

describe('mocvue demo seed', () => {
  it('has one list per entity, changes before what points at them, and is deterministic', () => {
    expect(Object.keys(seed)).toEqual(['change_request', 'moc_document', 'moc_action']);
    expect(Object.keys(seed).sort()).toEqual(entities.map((e) => e.name).sort());
    expect(generateMocvue({ today: TODAY })).toEqual({ seed, journeys });
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
          if (f.type === 'enum' && v !== undefined && !f.values.some((e) => e.value === v))
            say(`${f.name}: ${String(v)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('refers only to core sites and currencies and to its own changes', () => {
    const core = generateCoreSeed();
    const known = new Set([
      ...core.site.map((s) => s.external_id),
      ...core.currency.map((c) => c.external_id),
      ...seed.change_request.map((c) => c.external_id),
    ]);
    for (const [, rows] of lists)
      for (const r of rows)
        for (const v of Object.values(r)) if (refId(v)) expect(known.has(refId(v)), refId(v)).toBe(true);
  });

  it('keeps the rules: temporary changes end, urgent ones say why, costs have a currency', () => {
    for (const c of seed.change_request) {
      if (c.change_type === 'temporary')
        expect(daysBetween(c.start_date as string, c.end_date as string)).toBeGreaterThan(0);
      if (c.change_type === 'urgent') expect(c.urgency_reason).toBeTruthy();
      if (c.cost_impact !== undefined) expect(c.currency).toBeDefined();
    }
    for (const a of seed.moc_action) if (a.status === 'done') expect(a.done_on).toBeDefined();
    for (const d of seed.moc_document) expect(d.reference ?? d.url).toBeTruthy();
  });

  it('takes every change along transitions of the workflow to a state of each kind', () => {
    const names = new Set(workflow.transitions.map((t) => t.name));
    for (const j of journeys) for (const t of j.transitions) expect(names.has(t.name), t.name).toBe(true);
    const ends = new Set(
      journeys.map((j) => {
        let state = 'draft';
        for (const step of j.transitions) state = workflow.transitions.find((t) => t.name === step.name)!.to;
        return state;
      }),
    );
    expect([...ends].sort()).toEqual(workflow.states.map((s) => s.name).sort());
    for (const j of journeys)
      for (const t of j.transitions) {
        const def = workflow.transitions.find((x) => x.name === t.name)!;
        if (def.commentRequired) expect(t.comment, `${j.externalId} ${t.name}`).toBeTruthy();
      }
  });

  it('shows a temporary change still in place past its end date, for the alert', () => {
    const lapsed = seed.change_request.filter(
      (c) =>
        c.change_type === 'temporary' &&
        daysBetween(c.end_date as string, TODAY) > 0 &&
        journeys.find((j) => j.externalId === c.external_id)!.state === 'post_review',
    );
    expect(lapsed).toHaveLength(1);
  });
});
