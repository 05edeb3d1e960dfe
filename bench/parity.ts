import type { ParityCheck } from './report.ts';
import { BASE, type ScenarioData } from './scenarios.ts';

/**
 * Before any load: the same requests to both sides, to check they do the same work and answer
 * the same thing (reads must be identical; writes must answer the same status and fields).
 */

export interface Reply {
  status: number;
  body: unknown;
}

/** A server and the headers every request to it carries (the engine's credentials). */
export interface Target {
  port: number;
  headers?: Record<string, string>;
}

export async function call(to: Target, method: string, path: string, body?: unknown): Promise<Reply> {
  const res = await fetch(`http://127.0.0.1:${to.port}${path}`, {
    method,
    headers: { ...to.headers, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** The first path where `a` and `b` differ, or undefined when they are equal (key order aside). */
export function firstDifference(a: unknown, b: unknown, at = ''): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return at || '(root)';
  if (Array.isArray(a) !== Array.isArray(b)) return at || '(root)';
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
      `${at}${Array.isArray(a) ? `[${k}]` : `.${k}`}`,
    );
    if (d) return d;
  }
  return undefined;
}

function keysOf(reply: Reply): string {
  const data = (reply.body as { data?: Record<string, unknown> })?.data ?? {};
  return Object.keys(data).sort().join(',');
}

export async function checkParity(
  targets: { engine: Target; baseline: Target },
  data: ScenarioData,
  paths: Record<string, string>,
  spareId: string,
): Promise<ParityCheck[]> {
  const out: ParityCheck[] = [];
  for (const [scenario, path] of Object.entries(paths)) {
    const [e, b] = [await call(targets.engine, 'GET', path), await call(targets.baseline, 'GET', path)];
    const diff = e.status === b.status ? firstDifference(e.body, b.body) : `status ${e.status} vs ${b.status}`;
    const rows = (e.body as { data?: unknown })?.data;
    const size = Array.isArray(rows) ? `${rows.length} rows` : '1 record';
    out.push({ scenario, same: !diff, detail: diff ? `first difference at ${diff}` : `${size}, status ${e.status}` });
  }

  const payload = (side: string) => ({
    first_name: 'Parity',
    last_name: 'Check',
    job_title: 'Buyer',
    email: `parity.${side}@load.example.com`,
    preferred_channel: 'email',
    tags: ['offshore'],
    companies: [data.companyIds[0]],
  });
  const ce = await call(targets.engine, 'POST', BASE, payload('engine'));
  const cb = await call(targets.baseline, 'POST', BASE, payload('baseline'));
  const createSame = ce.status === 201 && cb.status === 201 && keysOf(ce) === keysOf(cb);
  out.push({
    scenario: 'create',
    same: createSame,
    detail: createSame
      ? 'status 201 and the same fields on both sides'
      : `status ${ce.status}/${cb.status}, fields ${keysOf(ce)} / ${keysOf(cb)}`,
  });

  const ue = await call(targets.engine, 'PATCH', `${BASE}/${spareId}`, { job_title: 'Buyer', version: 1 });
  const ub = await call(targets.baseline, 'PATCH', `${BASE}/${spareId}`, { job_title: 'Site Manager', version: 2 });
  const version = (r: Reply) => (r.body as { data?: { version?: number } })?.data?.version;
  const updateSame = ue.status === 200 && ub.status === 200 && keysOf(ue) === keysOf(ub) && version(ub) === 3;
  out.push({
    scenario: 'update',
    same: updateSame,
    detail: updateSame
      ? 'status 200, the same fields, versions 1 → 2 (engine) → 3 (baseline) on one record'
      : `status ${ue.status}/${ub.status}, versions ${version(ue)}/${version(ub)}`,
  });
  return out;
}
