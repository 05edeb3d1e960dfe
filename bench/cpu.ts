import { readFileSync } from 'node:fs';

/**
 * How much of the machine other processes used during a measurement (Linux only): total busy
 * CPU time from /proc/stat minus the time of the processes taking part: the bench process, the
 * servers, their PostgreSQL backends, and PostgreSQL processes that ended meanwhile (parallel
 * query workers live for one query; their time is found in the postmaster's reaped-children
 * counters). On a shared machine this tells a clean run from one disturbed by something else.
 * PostgreSQL's long-lived background processes (WAL writer, checkpointer, autovacuum) count as
 * "other".
 */

export interface CpuSnapshot {
  busy: number;
  total: number;
  /** utime + stime per pid, in clock ticks. */
  procs: Map<number, number>;
  /** cutime + cstime of the reaper (the postmaster): time of its children that have ended. */
  reaped: number;
}

function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    const busy = user! + nice! + system! + irq! + softirq! + steal!;
    return { busy, total: busy + idle! + iowait! };
  } catch {
    return undefined;
  }
}

/** Fields of /proc/<pid>/stat after the command (man proc numbers them from 1: ppid is 4). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** utime + stime (fields 14, 15). */
function processTicks(pid: number): number | undefined {
  const f = statFields(pid);
  return f ? Number(f[11]) + Number(f[12]) : undefined;
}

/** cutime + cstime (fields 16, 17): time of the children the process has waited for. */
function reapedTicks(pid: number | undefined): number {
  const f = pid === undefined ? undefined : statFields(pid);
  return f ? Number(f[13]) + Number(f[14]) : 0;
}

/** The parent process (field 4), e.g. the postmaster of a PostgreSQL backend. */
export function parentPid(pid: number): number | undefined {
  const f = statFields(pid);
  return f ? Number(f[1]) : undefined;
}

export function cpuSnapshot(pids: number[], reaper?: number): CpuSnapshot | undefined {
  const m = machineTicks();
  if (!m) return undefined;
  const procs = new Map<number, number>();
  for (const pid of pids) {
    const t = processTicks(pid);
    if (t !== undefined) procs.set(pid, t);
  }
  return { ...m, procs, reaped: reapedTicks(reaper) };
}

export interface CpuShare {
  /** Share of the whole machine (all CPUs) that was busy, 0..1. */
  busy: number;
  /** Share of the whole machine used by processes outside the measurement, 0..1. */
  others: number;
}

/** Between two snapshots of the same pids; a pid missing from either (it came or went) counts as other. */
export function cpuShare(before: CpuSnapshot | undefined, after: CpuSnapshot | undefined): CpuShare | undefined {
  if (!before || !after || after.total <= before.total) return undefined;
  const total = after.total - before.total;
  const busy = after.busy - before.busy;
  let ours = Math.max(0, after.reaped - before.reaped);
  for (const [pid, t] of after.procs) {
    const t0 = before.procs.get(pid);
    if (t0 !== undefined) ours += t - t0;
  }
  return { busy: busy / total, others: Math.max(0, busy - ours) / total };
}
