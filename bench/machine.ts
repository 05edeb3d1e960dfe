import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { cpuShare, cpuSnapshot, parentPid } from './cpu.ts';
import { log } from './log.ts';
import type { MachineInfo } from './report.ts';

/** The machine, the PostgreSQL server and the checkout the figures were measured on. */
export async function machineInfo(serverUrl: string): Promise<MachineInfo> {
  let postgres = 'unknown';
  if (serverUrl) {
    const db = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
    try {
      postgres = (await db.raw('SHOW server_version')).rows[0].server_version;
    } catch {
      // reported as unknown
    } finally {
      await db.destroy();
    }
  }
  let gitCommit = 'unknown';
  try {
    gitCommit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: import.meta.dirname })
      .toString()
      .trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'engine', 'definitions'], {
      cwd: path.join(import.meta.dirname, '..'),
    }).toString();
    if (dirty.trim()) gitCommit += ' (engine or definitions modified)';
  } catch {
    // not a git checkout
  }
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres,
    gitCommit,
    loadAverageBefore: os.loadavg(),
    loadAverageAfter: [],
  };
}

/** Who takes part in a measurement: pids, and the process whose ended children count too. */
export interface Participants {
  pids: () => Promise<number[]>;
  reaper?: number;
}

export const benchAlone: Participants = { pids: async () => [process.pid] };

/**
 * The processes taking part in a measurement on the bench database, for the "other CPU" figure
 * (see cpu.ts): this process, the servers, the database's backends, and the postmaster's ended
 * children (parallel query workers).
 */
export async function databaseParticipants(monitor: Knex, serverPids: () => number[]): Promise<Participants> {
  const backendPid = (await monitor.raw('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
  return {
    reaper: parentPid(backendPid),
    pids: async () => {
      const { rows } = await monitor.raw('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
      return [process.pid, ...serverPids(), ...rows.map((r: { pid: number }) => r.pid)];
    },
  };
}

/** Waits until other processes use at most `max` of the machine over 3 s, or `seconds` pass. */
export async function waitForQuiet(max: number, seconds: number, who: Participants = benchAlone): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  let others: number | undefined;
  do {
    const pids = await who.pids();
    const before = cpuSnapshot(pids, who.reaper);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    others = cpuShare(before, cpuSnapshot(pids, who.reaper))?.others;
    if (others === undefined || others <= max) return;
    log(`other processes use ${(others * 100).toFixed(0)} % of the machine: waiting for a quieter moment`);
  } while (Date.now() < deadline);
  log(
    `still ${(others * 100).toFixed(0)} % used by others after ${seconds} s: going on (see "other CPU" in the results)`,
  );
}

/**
 * When autocannon stops, the server still finishes the requests in flight (with slow queries,
 * seconds of work): waits until the database is idle, so the next measurement starts clean.
 */
export async function settle(monitor: Knex): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { rows } = await monitor.raw(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid()`,
    );
    if (rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
