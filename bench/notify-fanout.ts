import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { onCleanup } from './cleanup.ts';
import type { BenchConfig } from './config.ts';
import { cpuShare, cpuSnapshot } from './cpu.ts';
import { f1, fx, mdTable, pct, table, times } from './format.ts';
import { median, summarize } from './load.ts';
import { log } from './log.ts';
import type { FanoutServerOptions, FanoutSide } from './notify-server.ts';
import { createBenchDatabase } from './setup-db.ts';
import { stopServer } from './servers.ts';

/**
 * Notification fan-out: how long after notify() is called for N users, each with a socket open,
 * every socket has its `notification` event. The engine side pays for the whole path: the rows
 * and the push job written in a transaction, the commit, the in-process worker woken by
 * PostgreSQL, the job marking them delivered and counting unread, and the emits. The baseline
 * is a bare socket.io server emitting the same payload to the same rooms when asked. Both run in
 * child processes; the clients (all of them, in this process) are connected to both at once and
 * the rounds alternate, so both sides see the same machine.
 */

export interface FanoutSideFigures {
  /** Latency of one socket's notification, ms, over every socket of every round. */
  p50: number;
  p95: number;
  /** Time until the last socket had it, ms: median over rounds, and the worst round. */
  allP50: number;
  max: number;
  rounds: number[];
}

export interface NotifyFanoutFigures {
  sockets: number;
  rounds: number;
  engine: FanoutSideFigures;
  baseline: FanoutSideFigures;
  /** notify() with its commit, in the engine process, median ms: part of the engine's figure. */
  notifyMs: number;
  /** engine allP50 ÷ baseline allP50. */
  ratio: number;
  /** Seconds to create the users and open their sessions, and to connect every socket (not measured). */
  setupSeconds: { users: number; connect: number };
  /** Share of the machine used by other processes during the rounds (0..1). */
  otherCpu: number;
}

interface Child {
  side: FanoutSide;
  child: ChildProcess;
  port: number;
  credentials: string[];
}

function startSide(opts: FanoutServerOptions): Promise<Child> {
  const child = fork(path.join(import.meta.dirname, 'notify-server.ts'), [JSON.stringify(opts)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  onCleanup(() => stopServer(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${opts.side} fan-out server did not start in 180 s`)), 180_000);
    child.once('message', (m: { port: number; credentials: string[] }) => {
      clearTimeout(timer);
      resolve({ side: opts.side, child, port: m.port, credentials: m.credentials });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${opts.side} fan-out server exited with code ${code} before it was ready`));
    });
  });
}

/** Connects one client per credential, 50 at a time, each ready once its first unread count came. */
async function connectAll(c: Child): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < c.credentials.length; i += 50) {
    const batch = c.credentials.slice(i, i + 50).map(
      (token) =>
        new Promise<Socket>((resolve, reject) => {
          const s = io(`http://127.0.0.1:${c.port}`, {
            path: '/socket.io',
            transports: ['websocket'],
            reconnection: false,
            forceNew: true,
            auth: { token },
          });
          s.once('connect_error', reject);
          // Connected and subscribed: the first unread count has come.
          s.once('unread', () => resolve(s));
        }),
    );
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

/** One round: fires, and resolves with each socket's latency once all have the round's notification. */
function round(c: Child, sockets: Socket[], n: number): Promise<{ latencies: number[]; firedMs: number }> {
  return new Promise((resolve, reject) => {
    const title = `Fan-out round ${n}`;
    const latencies: number[] = [];
    let firedMs = NaN;
    let pending = sockets.length;
    const timer = setTimeout(
      () => reject(new Error(`${c.side}: ${pending} of ${sockets.length} sockets had no notification after 60 s`)),
      60_000,
    );
    const done = () => {
      if (pending > 0 || Number.isNaN(firedMs)) return;
      clearTimeout(timer);
      for (const s of sockets) s.off('notification');
      c.child.off('message', onFired);
      resolve({ latencies, firedMs });
    };
    const onFired = (m: { type: string; round: number; ms?: number; error?: string }) => {
      if (m.round !== n) return;
      if (m.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`${c.side}: ${m.error}`));
        return;
      }
      firedMs = m.ms!;
      done();
    };
    c.child.on('message', onFired);
    const t0 = performance.now();
    for (const s of sockets) {
      s.on('notification', (p: { title: string }) => {
        if (p.title !== title) return;
        latencies.push(performance.now() - t0);
        pending--;
        done();
      });
    }
    c.child.send({ type: 'fire', round: n });
  });
}

function figures(rounds: { latencies: number[] }[]): FanoutSideFigures {
  const all = summarize(rounds.flatMap((r) => r.latencies));
  const last = rounds.map((r) => Math.max(...r.latencies));
  return { p50: all.p50, p95: all.p95, allP50: median(last), max: Math.max(...last), rounds: last };
}

export async function runNotifyFanout(cfg: BenchConfig): Promise<NotifyFanoutFigures> {
  const db = await createBenchDatabase(cfg.serverUrl);
  onCleanup(() => db.drop());
  const children: Child[] = [];
  const clients: Socket[] = [];
  try {
    log(`notification fan-out: ${cfg.notifySockets} users with a socket each, ${cfg.notifyRounds} rounds per side`);
    const t0 = performance.now();
    const opts = { databaseUrl: db.url, sockets: cfg.notifySockets, logLevel: cfg.logLevel };
    const [engine, baseline] = await Promise.all([
      startSide({ ...opts, side: 'engine' }),
      startSide({ ...opts, side: 'baseline' }),
    ]);
    children.push(engine, baseline);
    const users = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const e = await connectAll(engine);
    const b = await connectAll(baseline);
    clients.push(...e, ...b);
    const connect = (performance.now() - t1) / 1000;
    log(`  ${clients.length} sockets connected in ${connect.toFixed(1)} s (users and sessions: ${users.toFixed(1)} s)`);

    // Warm-up, not recorded: first queries, JIT, the worker's first wake-up.
    await round(engine, e, 0);
    await round(baseline, b, 0);
    const before = cpuSnapshot([process.pid, engine.child.pid!, baseline.child.pid!]);
    const er: { latencies: number[]; firedMs: number }[] = [];
    const br: { latencies: number[] }[] = [];
    for (let n = 1; n <= cfg.notifyRounds; n++) {
      // The order swaps every round, so neither side always runs on a machine the other warmed.
      const pair = n % 2 ? ([engine, baseline] as const) : ([baseline, engine] as const);
      for (const side of pair) {
        const r = await round(side, side === engine ? e : b, n);
        (side === engine ? er : br).push(r);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const share = cpuShare(before, cpuSnapshot([process.pid, engine.child.pid!, baseline.child.pid!]));
    const ef = figures(er);
    const bf = figures(br);
    const out: NotifyFanoutFigures = {
      sockets: cfg.notifySockets,
      rounds: cfg.notifyRounds,
      engine: ef,
      baseline: bf,
      notifyMs: median(er.map((r) => r.firedMs)),
      ratio: ef.allP50 / bf.allP50,
      setupSeconds: { users, connect },
      otherCpu: share?.others ?? NaN,
    };
    log(
      `  all ${out.sockets} received: engine ${f1(ef.allP50)} ms (max ${f1(ef.max)}), ` +
        `baseline ${f1(bf.allP50)} ms (max ${f1(bf.max)}); notify() ${f1(out.notifyMs)} ms`,
    );
    return out;
  } finally {
    for (const s of clients) s.disconnect();
    await Promise.all(children.map((c) => stopServer(c.child)));
    await db.drop();
  }
}

const HEAD = ['side', 'one socket p50', 'p95', 'all received p50', 'worst round'];

function rows(r: NotifyFanoutFigures): string[][] {
  return (['engine', 'baseline'] as const).map((side) => {
    const x = r[side];
    return [side, f1(x.p50), f1(x.p95), f1(x.allP50), f1(x.max)];
  });
}

export function notifyText(r: NotifyFanoutFigures): string[] {
  return [
    `Notification fan-out — ${r.sockets} sockets, ${r.rounds} rounds per side (ms)`,
    table(HEAD, rows(r)),
    `engine ÷ baseline (all received, p50): ${times(r.ratio)}; notify() and commit: ${f1(r.notifyMs)} ms; other CPU ${pct(r.otherCpu)}`,
    '',
  ];
}

export function notifyMarkdown(r: NotifyFanoutFigures): string[] {
  return [
    '## Notification fan-out',
    '',
    `${r.sockets} users, each with one socket (socket.io over WebSocket, bearer token) connected to the engine, and as ` +
      `many to a bare socket.io server (the baseline); ${r.rounds} rounds per side, alternating. A round is one ` +
      `notify() for all ${r.sockets} users on the engine (rows and push job in a transaction, commit, the in-process ` +
      'worker woken by PostgreSQL, the push job, the emits), or the same payload emitted to the same rooms by the ' +
      'baseline; the time runs from the request to the child process until each socket has its `notification`. ' +
      `Latencies in ms; other processes (PostgreSQL's backends among them) used ${pct(r.otherCpu)} of the machine meanwhile.`,
    '',
    mdTable(HEAD, rows(r)),
    '',
    `- engine ÷ baseline, time until all received (p50): ${times(r.ratio)}`,
    `- of which notify() and its commit (engine process, median): ${f1(r.notifyMs)} ms`,
    `- rounds, engine: ${r.engine.rounds.map(fx).join(', ')}; baseline: ${r.baseline.rounds.map(fx).join(', ')}`,
    `- setup (not measured): users and sessions ${r.setupSeconds.users.toFixed(1)} s, sockets ${r.setupSeconds.connect.toFixed(1)} s`,
    '',
  ];
}
