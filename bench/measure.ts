import { cpuShare, cpuSnapshot, type CpuShare } from './cpu.ts';
import { median, summarize, type LoadOptions, type LoadResult } from './load.ts';
import { log } from './log.ts';
import { waitForQuiet, type Participants } from './machine.ts';
import type { SideFigures } from './report.ts';
import type { ScenarioRun } from './scenarios.ts';

/**
 * One side of an HTTP comparison: who answers (the engine, the baseline, the engine as another
 * user…) and what it is sent. Arms of a comparison get the same number of runs, in rotation.
 */
export interface Arm {
  /** In the log and the results: `engine`, `baseline`, `scoped`… */
  name: string;
  url: string;
  /** Sent with every request: the credentials of the user the arm acts as. */
  headers?: Record<string, string>;
  /** The requests of one run; `label` names the run (unique), `seed` fixes its random sequence. */
  build(label: string, seed: number): ScenarioRun;
}

export interface MeasureSettings {
  connections: number;
  duration: number;
  warmup: number;
  rounds: number;
  /** A run during which other processes used more than this share of the machine is repeated. */
  maxOtherCpu: number;
  retries: number;
}

/** How to run a load (it waits for the database to settle) and whose CPU time is "ours". */
export interface LoadEnv {
  who: Participants;
  load(opts: LoadOptions): Promise<LoadResult>;
}

interface Measured extends LoadResult {
  cpu?: CpuShare;
}

let runNo = 0;

function sideFigures(runs: Measured[], serialP50: number, notes: string[], repeated: number): SideFigures {
  const lat = summarize(runs.flatMap((r) => r.latencies));
  return {
    rps: median(runs.map((r) => r.rps)),
    rpsRounds: runs.map((r) => Math.round(r.rps * 10) / 10),
    requests: runs.reduce((a, r) => a + r.requests, 0),
    p50: lat.p50,
    p95: lat.p95,
    p99: lat.p99,
    max: lat.max,
    non2xx: runs.reduce((a, r) => a + r.non2xx, 0),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    timeouts: runs.reduce((a, r) => a + r.timeouts, 0),
    serialP50,
    otherCpu: Math.max(...runs.map((r) => r.cpu?.others ?? NaN)),
    repeated,
    notes,
  };
}

/**
 * Measures each arm: first its unloaded latency (one connection, 40 requests), then `rounds`
 * rounds in which every arm gets a warm-up and a measured run, the order reversing each round.
 * A run disturbed by other processes is repeated (up to `retries` times), keeping the least
 * disturbed attempt. Figures come back in the order of `arms`.
 */
export async function measureArms(
  title: string,
  arms: Arm[],
  s: MeasureSettings,
  env: LoadEnv,
): Promise<SideFigures[]> {
  const runs: Measured[][] = arms.map(() => []);
  const notes: string[][] = arms.map(() => []);
  const repeated = arms.map(() => 0);
  const serial: number[] = [];
  const build = (i: number, label: string, seed: number) => arms[i]!.build(`${label}${runNo++}`, seed);
  const load = (i: number, opts: Omit<LoadOptions, 'url' | 'headers'>) =>
    env.load({ url: arms[i]!.url, ...(arms[i]!.headers && { headers: arms[i]!.headers }), ...opts });

  for (let i = 0; i < arms.length; i++) {
    const r = await load(i, { connections: 1, amount: 40, requests: build(i, 's', 1).requests });
    serial.push(summarize(r.latencies).p50);
  }
  const forward = arms.map((_, i) => i);
  for (let round = 0; round < s.rounds; round++) {
    for (const i of round % 2 === 0 ? forward : [...forward].reverse()) {
      const arm = arms[i]!;
      if (s.warmup > 0) {
        await load(i, {
          connections: s.connections,
          duration: s.warmup,
          requests: build(i, 'w', 100 + round).requests,
        });
      }
      let best: { r: Measured; notes: string[] } | undefined;
      for (let attempt = 0; ; attempt++) {
        const run = build(i, 'm', 200 + round);
        const pids = await env.who.pids();
        const before = cpuSnapshot(pids, env.who.reaper);
        const m: Measured = await load(i, { connections: s.connections, duration: s.duration, requests: run.requests });
        m.cpu = cpuShare(before, cpuSnapshot(pids, env.who.reaper));
        if (!best || (m.cpu?.others ?? 0) < (best.r.cpu?.others ?? 0)) best = { r: m, notes: run.notes() };
        if (!m.cpu || m.cpu.others <= s.maxOtherCpu || attempt >= s.retries) break;
        repeated[i]!++;
        log(
          `${title} ${arm.name}: other processes used ${(m.cpu.others * 100).toFixed(0)} % of the machine ` +
            `(limit ${(s.maxOtherCpu * 100).toFixed(0)} %): measuring again`,
        );
        await waitForQuiet(s.maxOtherCpu, 20, env.who);
      }
      const r = best.r;
      runs[i]!.push(r);
      notes[i]!.push(...best.notes);
      if (r.non2xx) {
        const by = Object.entries(r.statuses).filter(([st]) => !st.startsWith('2'));
        notes[i]!.push(`round ${round + 1}: non-2xx ${by.map(([st, n]) => `${st} × ${n}`).join(', ')}`);
        notes[i]!.push(...r.failures.map((f) => `e.g. ${f}`));
      }
      const lat = summarize(r.latencies);
      log(
        `${title.padEnd(12)} ${arm.name.padEnd(8)} round ${round + 1}: ${r.rps.toFixed(0).padStart(6)} req/s, ` +
          `p50 ${lat.p50.toFixed(1)} ms, p95 ${lat.p95.toFixed(1)} ms, p99 ${lat.p99.toFixed(1)} ms, ` +
          `non-2xx ${r.non2xx}, errors ${r.errors + r.timeouts}` +
          (r.cpu
            ? `, machine busy ${(r.cpu.busy * 100).toFixed(0)} % (others ${(r.cpu.others * 100).toFixed(0)} %)`
            : ''),
      );
    }
  }
  return arms.map((_, i) => sideFigures(runs[i]!, serial[i]!, [...new Set(notes[i])], repeated[i]!));
}
