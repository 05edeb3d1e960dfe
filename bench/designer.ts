import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AnyFormElement, EntityDefinition } from '../definitions/src/index.ts';
import { previewForm } from '../designer/src/forms/preview-schema.ts';
import { draftEntities, findEntity } from '../designer/src/common/entity-lookup.ts';
import { buildFileTree } from '../designer/src/workspace/file-tree-model.ts';
import type { Engine } from '../engine/src/engine.ts';
import { applyBundles, signedInUser } from '../engine/test/harness.ts';
import { onCleanup } from './cleanup.ts';
import type { BenchConfig } from './config.ts';
import { fx, mdTable, table, times } from './format.ts';
import { summarize, type LatencySummary } from './load.ts';
import { log } from './log.ts';
import { createBenchDatabase, setupEngine } from './setup-db.ts';
import { entityName, syntheticBundle } from './synthetic-bundle.ts';

/**
 * The designer's three waits on a large bundle (60 entities × 15 fields, a form and a list view
 * per entity, a workflow on every sixth), one request or computation at a time, in this process:
 *
 * - **open an entity**: `GET …/draft` over HTTP, its JSON parsed, then what the workspace and the
 *   entity editor derive from it (the file tree, the draft's entities, the entity looked up);
 * - **preview a form**: the designer's own `previewForm` (JSON Forms schema and uischema, the
 *   runtime UI's schema builder), imported from designer/src;
 * - **plan**: `POST …/draft/plan` (validate, plan, dry run in a rolled-back transaction).
 *
 * Baseline, interleaved with them: `GET /api/v1/meta/bundles`, the smallest authenticated
 * round trip of the same server. Target: each under 300 ms (median).
 */

export const DESIGNER_LIMIT_MS = 300;
const BUNDLE = 'synth';

export interface DesignerFigures {
  entities: number;
  fields: number;
  files: number;
  draftBytes: number;
  runs: number;
  baseline: LatencySummary;
  openEntity: LatencySummary;
  previewForm: LatencySummary;
  plan: LatencySummary;
  planSteps: number;
}

type Json = Record<string, unknown>;

/** Writes the synthetic bundle, with forms, views and workflows, as a folder the engine applies. */
function writeBundle(dir: string, entities: number, fields: number): number {
  const raw = syntheticBundle(entities, fields);
  const write = (file: string, data: unknown) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), JSON.stringify(data));
  };
  write('bundle.json', raw.manifest.data);
  let files = 1;
  for (const { data } of raw.kinds.entity!) {
    const def = data as { name: string; fields: { name: string; type: string }[] };
    write(`entities/${def.name}.json`, def);
    const controls = def.fields.map((f) => ({ type: 'Control', scope: `#/properties/${f.name}` }));
    const half = Math.ceil(controls.length / 2);
    write(`forms/${def.name}.json`, {
      name: def.name,
      entity: def.name,
      layout: {
        type: 'VerticalLayout',
        elements: [
          { type: 'Group', label: { en: 'Main' }, elements: controls.slice(0, half) },
          { type: 'Group', label: { en: 'More' }, elements: controls.slice(half) },
        ],
      },
    });
    write(`views/${def.name}.json`, {
      name: def.name,
      entity: def.name,
      label: { en: def.name },
      type: 'list',
      columns: def.fields
        .filter((f) => !['json', 'references', 'geopoint'].includes(f.type))
        .map((f) => ({ field: f.name })),
    });
    files += 3;
  }
  for (let i = 0; i < entities; i += 6) {
    const name = entityName(i);
    write(`workflows/${name}.json`, {
      name: `${name}_flow`,
      entity: name,
      states: [
        { name: 'draft', label: { en: 'Draft' }, initial: true, category: 'draft' },
        { name: 'open', label: { en: 'Open' }, category: 'active' },
        { name: 'closed', label: { en: 'Closed' }, category: 'done', final: true },
      ],
      transitions: [
        { name: 'open', label: { en: 'Open' }, from: ['draft'], to: 'open', guard: { '!!': [{ var: 'record.name' }] } },
        { name: 'close', label: { en: 'Close' }, from: ['open'], to: 'closed' },
      ],
    });
    files++;
  }
  return files;
}

async function timed<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now();
  const out = await fn();
  return [performance.now() - start, out];
}

export async function runDesignerBench(cfg: BenchConfig): Promise<DesignerFigures> {
  log(`designer benchmark: 60 entities × 15 fields, ${cfg.quick ? 10 : 40} runs per figure`);
  // Undone here at the end, or by the run's cleanup on an error or Ctrl-C: whichever comes first.
  const undo: (() => Promise<void>)[] = [];
  let undone: Promise<void> | undefined;
  const finish = () =>
    (undone ??= (async () => {
      for (const step of undo.reverse()) await step().catch((e: unknown) => console.error('[bench] designer:', e));
    })());
  onCleanup(finish);
  try {
    return await measure(cfg, undo);
  } finally {
    await finish();
  }
}

async function measure(cfg: BenchConfig, undo: (() => Promise<void>)[]): Promise<DesignerFigures> {
  const entities = 60;
  const fields = 15;
  const runs = cfg.quick ? 10 : 40;
  const db = await createBenchDatabase(cfg.serverUrl);
  undo.push(() => db.drop());
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opsflux-bench-designer-'));
  undo.push(async () => rmSync(dir, { recursive: true, force: true }));
  const files = writeBundle(path.join(dir, BUNDLE), entities, fields);
  const engine: Engine = await setupEngine(db.url);
  undo.push(() => engine.close());
  await applyBundles(engine, [path.join(dir, BUNDLE)]);
  const admin = await signedInUser(engine, { systemRoles: ['admin'], firstName: 'Ada', lastName: 'Admin' });
  const server: Server = await engine.listen(0, '127.0.0.1');
  undo.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
    return { bytes: text.length, json: JSON.parse(text) as { data: Json } };
  };

  // A draft with one change, as an administrator at work leaves it: a field added to one entity.
  const target = entityName(12);
  const applied = (await call('GET', `/admin/bundles/${BUNDLE}/draft`)).json.data;
  const entityFile = structuredClone((applied.files as Json)[`entities/${target}.json`]) as EntityDefinition;
  entityFile.fields.push({ name: 'checked_on', type: 'date', label: { en: 'Checked on' } } as never);
  await call('PUT', `/admin/bundles/${BUNDLE}/draft/files/entities/${target}.json`, {
    revision: 0,
    content: entityFile,
  });

  const baseline: number[] = [];
  const open: number[] = [];
  const preview: number[] = [];
  const plan: number[] = [];
  let draftBytes = 0;
  let planSteps = 0;
  const texts = { computed: 'Computed', assignedOnSave: 'Assigned on save' };
  for (let i = -2; i < runs; i++) {
    const name = entityName((i + entities) % entities);
    const [b] = await timed(() => call('GET', '/meta/bundles'));
    const [o, entity] = await timed(async () => {
      const got = await call('GET', `/admin/bundles/${BUNDLE}/draft`);
      draftBytes = got.bytes;
      const draft = got.json.data as { files: Record<string, unknown> };
      buildFileTree(Object.keys(draft.files));
      const context = { bundle: BUNDLE, files: draft.files, otherEntities: {} };
      draftEntities(context);
      return findEntity(context, name);
    });
    if (!entity) throw new Error(`entity ${name} not found in the draft`);
    const form = (applied.files as Json)[`forms/${name}.json`] as { layout: AnyFormElement };
    const [p, out] = await timed(() => previewForm(entity, BUNDLE, form.layout, 'en', texts));
    if (!out.uischema) throw new Error(`form ${name} previewed as nothing`);
    const [pl, planned] = await timed(() => call('POST', `/admin/bundles/${BUNDLE}/draft/plan`, {}));
    const answer = planned.json.data as { ok: boolean; plan: { steps: unknown[] } | null; issues: unknown[] };
    if (!answer.plan) throw new Error(`plan refused: ${JSON.stringify(answer.issues).slice(0, 300)}`);
    planSteps = answer.plan.steps.length;
    if (i < 0) continue; // warm-up
    baseline.push(b);
    open.push(o);
    preview.push(p);
    plan.push(pl);
  }
  return {
    entities,
    fields,
    files,
    draftBytes,
    runs,
    baseline: summarize(baseline),
    openEntity: summarize(open),
    previewForm: summarize(preview),
    plan: summarize(plan),
    planSteps,
  };
}

function rows(r: DesignerFigures): string[][] {
  const row = (what: string, s: LatencySummary, target: boolean) => [
    what,
    fx(s.p50),
    fx(s.p95),
    fx(s.max),
    times(s.p50 / r.baseline.p50),
    target ? (s.p50 < DESIGNER_LIMIT_MS ? 'ok' : 'MISSED') : '',
  ];
  return [
    row('baseline: GET /meta/bundles', r.baseline, false),
    row('open an entity (GET /draft + tree + lookup)', r.openEntity, true),
    row('preview a form (previewForm)', r.previewForm, true),
    row(`plan (POST /draft/plan, ${r.planSteps} step(s))`, r.plan, true),
  ];
}

const HEAD = ['designer', 'p50 ms', 'p95 ms', 'max ms', '÷ baseline', `< ${DESIGNER_LIMIT_MS} ms`];

function intro(r: DesignerFigures): string {
  return (
    `${r.entities} entities × ${r.fields} fields, ${r.files} files (a form and a list view per entity, ` +
    `a workflow on every sixth), draft ${Math.round(r.draftBytes / 1024)} KB; ${r.runs} runs, one at a time`
  );
}

export function designerText(r: DesignerFigures): string[] {
  return ['', `Designer: ${intro(r)}`, table(HEAD, rows(r))];
}

export function designerMarkdown(r: DesignerFigures): string[] {
  return ['## Designer', '', `${intro(r)}.`, '', mdTable(HEAD, rows(r)), ''];
}
