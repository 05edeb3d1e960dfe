import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchConfig } from './config.ts';
import type { CompileFigures } from './compile-bench.ts';
import { f0, f1, mdTable, pct, table } from './format.ts';
import { notifyMarkdown, notifyText, type NotifyFanoutFigures } from './notify-fanout.ts';
import { workflowMarkdown, workflowText, type WorkflowFigures } from './workflow-bench.ts';
import { DESIGNER_LIMIT_MS, designerMarkdown, designerText, type DesignerFigures } from './designer.ts';
import { securityMarkdown, securityTargets, securityText, type SecurityResults } from './report-security.ts';

export interface SideFigures {
  /** Median over rounds of requests per second. */
  rps: number;
  rpsRounds: number[];
  requests: number;
  /** Latency percentiles in ms over every measured response of every round. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Median latency in ms with a single connection (no contention). */
  serialP50: number;
  /** Largest share of the machine's CPU used by other processes during a kept measurement (0..1). */
  otherCpu: number;
  /** Measurements thrown away and repeated because other processes disturbed them. */
  repeated: number;
  notes: string[];
}

export interface ScenarioFigures {
  name: string;
  description: string;
  target: boolean;
  engine: SideFigures;
  baseline: SideFigures;
  /** engine rps / baseline rps, same run. */
  ratio: number;
}

export interface ParityCheck {
  scenario: string;
  same: boolean;
  detail: string;
}

export interface TargetCheck {
  name: string;
  target: string;
  measured: string;
  pass: boolean;
  /** How far from the limit, e.g. `+0.12 over` or `-3.1 ms short`. */
  margin: string;
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  platform: string;
  node: string;
  postgres: string;
  gitCommit: string;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
}

export interface BenchResults extends SecurityResults {
  date: string;
  quick: boolean;
  machine: MachineInfo;
  config: Omit<BenchConfig, 'serverUrl' | 'outDir' | 'outName'>;
  setup?: { contacts: number; companies: number; links: number; tickets?: number; seconds: Record<string, number> };
  parity: ParityCheck[];
  http: ScenarioFigures[];
  compile?: CompileFigures;
  notify?: NotifyFanoutFigures;
  workflow?: WorkflowFigures;
  designer?: DesignerFigures;
  targets: TargetCheck[];
  notes: string[];
}

export function evaluateTargets(
  http: ScenarioFigures[],
  compile: CompileFigures | undefined,
  connections: number,
  security: SecurityResults = {},
): TargetCheck[] {
  const out: TargetCheck[] = [];
  const list = http.find((s) => s.name === 'list');
  if (list) {
    out.push({
      name: 'Engine list throughput vs baseline',
      target: '≥ 50 % of baseline req/s',
      measured: `${(list.ratio * 100).toFixed(1)} % (${f0(list.engine.rps)} vs ${f0(list.baseline.rps)} req/s)`,
      pass: list.ratio >= 0.5,
      margin: `${list.ratio >= 0.5 ? '+' : ''}${((list.ratio - 0.5) * 100).toFixed(1)} points`,
    });
  }
  for (const s of http.filter((x) => x.target)) {
    out.push({
      name: `Engine ${s.name} p95 at ${connections} connections`,
      target: '≤ 25 ms',
      measured: `${f1(s.engine.p95)} ms (baseline ${f1(s.baseline.p95)} ms)`,
      pass: s.engine.p95 <= 25,
      margin: `${f1(Math.abs(25 - s.engine.p95))} ms ${s.engine.p95 <= 25 ? 'under' : 'over'}`,
    });
  }
  if (compile) {
    const c = compile.validateAndCompileMs;
    out.push({
      name: `validateBundle + compileRegistry (${compile.entities} × ${compile.fieldsPerEntity})`,
      target: '< 1,000 ms (median)',
      measured: `${f1(c)} ms`,
      pass: c < 1000,
      margin: `${f1(Math.abs(1000 - c))} ms ${c < 1000 ? 'under' : 'over'}`,
    });
    const p = compile.planMs;
    out.push({
      name: 'computePlan of a change (10 new fields + a type change)',
      target: '< 200 ms (median)',
      measured: `${f1(p)} ms`,
      pass: p < 200,
      margin: `${f1(Math.abs(200 - p))} ms ${p < 200 ? 'under' : 'over'}`,
    });
  }
  out.push(...securityTargets(security));
  return out;
}

/** The designer's three waits, each under DESIGNER_LIMIT_MS (median). */
export function designerTargets(d: DesignerFigures | undefined): TargetCheck[] {
  if (!d) return [];
  return (
    [
      ['Designer: open an entity (GET /draft + what the editor derives)', d.openEntity.p50],
      ['Designer: preview a form (previewForm)', d.previewForm.p50],
      ['Designer: plan a draft (POST /draft/plan)', d.plan.p50],
    ] as const
  ).map(([name, ms]) => ({
    name: `${name}, ${d.entities} × ${d.fields}`,
    target: `< ${DESIGNER_LIMIT_MS} ms (median)`,
    measured: `${f1(ms)} ms (baseline GET /meta/bundles ${f1(d.baseline.p50)} ms)`,
    pass: ms < DESIGNER_LIMIT_MS,
    margin: `${f1(Math.abs(DESIGNER_LIMIT_MS - ms))} ms ${ms < DESIGNER_LIMIT_MS ? 'under' : 'over'}`,
  }));
}

const HTTP_HEAD = [
  'scenario',
  'side',
  'req/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'non-2xx',
  'errors',
  '1-conn p50',
  'other CPU',
  'ratio',
];

function httpRows(http: ScenarioFigures[]): string[][] {
  return http.flatMap((s) =>
    (['engine', 'baseline'] as const).map((side) => {
      const x = s[side];
      return [
        side === 'engine' ? `${s.name}${s.target ? '' : ' (diag.)'}` : '',
        side,
        f0(x.rps),
        f1(x.p50),
        f1(x.p95),
        f1(x.p99),
        String(x.non2xx),
        String(x.errors + x.timeouts),
        f1(x.serialP50),
        pct(x.otherCpu),
        side === 'engine' ? `${(s.ratio * 100).toFixed(0)} %` : '',
      ];
    }),
  );
}

function compileRows(c: CompileFigures): string[][] {
  return [
    ['validateBundle', f1(c.validateMs), f1(c.cold.validateMs)],
    ['compileRegistry', f1(c.compileMs), f1(c.cold.compileMs)],
    ['validate + compile', f1(c.validateAndCompileMs), f1(c.cold.validateMs + c.cold.compileMs)],
    [`force all ${c.entities} entity validators`, f1(c.allValidatorsMs), f1(c.cold.allValidatorsMs)],
    [`computePlan (${c.planSteps} steps)`, f1(c.planMs), f1(c.cold.planMs)],
  ];
}

function targetRows(t: TargetCheck[]): string[][] {
  return t.map((x) => [x.name, x.target, x.measured, x.pass ? 'PASS' : 'MISS', x.margin]);
}

export function printResults(r: BenchResults): void {
  const out: string[] = [''];
  if (r.http.length) {
    out.push(
      `HTTP — ${r.config.connections} connections, ${r.config.duration} s per side and round, ${r.config.rounds} round(s)`,
    );
    out.push(table(HTTP_HEAD, httpRows(r.http)), '');
  }
  if (r.compile) {
    out.push(
      `Compile — ${r.compile.entities} entities × ${r.compile.fieldsPerEntity} fields, median of ${r.compile.runs} runs`,
    );
    out.push(table(['step', 'median ms', 'cold ms'], compileRows(r.compile)), '');
  }
  out.push(...securityText(r, r.config.connections));
  if (r.notify) out.push(...notifyText(r.notify));
  if (r.workflow) out.push(...workflowText(r.workflow));
  if (r.designer) out.push(...designerText(r.designer));
  out.push('Targets');
  out.push(table(['target', 'limit', 'measured', 'result', 'margin'], targetRows(r.targets)), '');
  const bad = r.parity.filter((p) => !p.same);
  if (bad.length) out.push(`Parity problems: ${bad.map((p) => `${p.scenario}: ${p.detail}`).join('; ')}`, '');
  out.push(
    `Machine: ${r.machine.cpus} CPUs (${r.machine.cpuModel}), node ${r.machine.node}, PostgreSQL ${r.machine.postgres}, load average before ${r.machine.loadAverageBefore.map((x) => x.toFixed(2)).join(' ')}`,
  );
  console.log(out.join('\n'));
}

export function markdown(r: BenchResults): string {
  const m = r.machine;
  const parts: string[] = [
    `# OpsFlux benchmark${r.quick ? ' (quick mode)' : ''}`,
    '',
    `Run on ${r.date} — commit \`${m.gitCommit}\`. Generated by \`npm run bench\`; see [bench/README.md](../README.md).`,
    '',
    '## Targets',
    '',
    mdTable(['target', 'limit', 'measured', 'result', 'margin'], targetRows(r.targets)),
    '',
  ];
  if (r.http.length) {
    parts.push(
      '## HTTP',
      '',
      `${r.config.connections} connections, ${r.config.warmup} s warm-up then ${r.config.duration} s measured per side, ` +
        `${r.config.rounds} round(s), engine and baseline alternating (latency percentiles over every response; ` +
        `req/s is the median over rounds). "1-conn p50" is the median latency with a single connection. ` +
        `Ratio = engine req/s ÷ baseline req/s, measured in this run.`,
      '',
      mdTable(HTTP_HEAD, httpRows(r.http)),
      '',
      ...r.http.map((s) => `- **${s.name}**${s.target ? '' : ' (diagnostic)'}: ${s.description}`),
      '',
    );
    const notes = r.http.flatMap((s) =>
      (['engine', 'baseline'] as const).flatMap((side) => s[side].notes.map((n) => `- ${s.name} / ${side}: ${n}`)),
    );
    if (notes.length) parts.push('Notes from the runs:', '', ...notes, '');
    parts.push(
      'Response parity (the same request answered by both sides, compared before the load):',
      '',
      ...r.parity.map((p) => `- ${p.scenario}: ${p.same ? 'identical' : 'DIFFERENT'} — ${p.detail}`),
      '',
    );
  }
  parts.push(...securityMarkdown(r, r.config.connections));
  if (r.compile) {
    const c = r.compile;
    parts.push(
      '## Compile and plan',
      '',
      `Synthetic bundle of ${c.entities} entities × ${c.fieldsPerEntity} fields (every field type, references between ` +
        `entities, enums, unique/single/composite indexes, searchable fields, a computed field, a rule). ` +
        `Median of ${c.runs} runs; "cold" is the first call in the process. Other processes used ` +
        `${pct(c.otherCpu)} of the machine meanwhile.`,
      '',
      mdTable(['step', 'median ms', 'cold ms'], compileRows(c)),
      '',
    );
  }
  if (r.notify) parts.push(...notifyMarkdown(r.notify));
  if (r.workflow) parts.push(...workflowMarkdown(r.workflow));
  if (r.designer) parts.push(...designerMarkdown(r.designer));
  if (r.setup) {
    parts.push(
      '## Data',
      '',
      `${r.setup.contacts.toLocaleString('en-US')} contacts, ${r.setup.companies.toLocaleString('en-US')} companies, ` +
        `${r.setup.links.toLocaleString('en-US')} contact–company links` +
        (r.setup.tickets ? `, ${r.setup.tickets.toLocaleString('en-US')} tickets of the bench bundle` : '') +
        ', bulk-loaded (not measured): ' +
        Object.entries(r.setup.seconds)
          .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
          .join(', ') +
        '.',
      '',
    );
  }
  parts.push(
    '## Machine',
    '',
    `- ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.platform}`,
    `- Node ${m.node}, PostgreSQL ${m.postgres}`,
    `- Load average before / after: ${m.loadAverageBefore.map((x) => x.toFixed(2)).join(' ')} / ${m.loadAverageAfter.map((x) => x.toFixed(2)).join(' ')}`,
    '',
    '## Notes',
    '',
    ...r.notes.map((n) => `- ${n}`),
    '',
  );
  return parts.join('\n');
}

export function writeResults(r: BenchResults, dir: string, name: string): string[] {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, `${name}.json`);
  const md = path.join(dir, `${name}.md`);
  writeFileSync(json, `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(md, markdown(r));
  return [json, md];
}
