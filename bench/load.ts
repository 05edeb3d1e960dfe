import autocannon from 'autocannon';

/** One autocannon run: throughput and latencies, with every response time kept. */
export interface LoadResult {
  seconds: number;
  requests: number;
  rps: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Response times in ms, one per response. */
  latencies: number[];
  /** Responses by HTTP status. */
  statuses: Record<number, number>;
  /** A few bodies of non-2xx responses, to tell what went wrong. */
  failures: string[];
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds; ignored when `amount` is given. */
  duration?: number;
  amount?: number;
  /** Sent with every request (credentials), besides each request's own headers. */
  headers?: Record<string, string>;
  requests: autocannon.Request[];
}

/** Runs autocannon in this process (the servers run in others) and resolves when it ends. */
export function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const failures: string[] = [];
  // Keep a few failure bodies, whatever hook the scenario already has.
  const requests = opts.requests.map((r) => {
    const own = typeof r.onResponse === 'function' ? r.onResponse : undefined;
    const onResponse: autocannon.Request['onResponse'] = (status, body, context, headers) => {
      if ((status < 200 || status > 299) && failures.length < 3) failures.push(`${status} ${body.slice(0, 300)}`);
      own?.(status, body, context, headers);
    };
    return { ...r, onResponse };
  });
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? 10 }),
        ...(opts.headers && { headers: opts.headers }),
        requests,
        timeout: 30,
      },
      (err, result) => {
        if (err) return reject(err);
        resolve({
          seconds: result.duration,
          requests: result.requests.total,
          rps: result.requests.total / result.duration,
          ok: result['2xx'],
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          latencies,
          statuses,
          failures,
        });
      },
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
}

/** The q-quantile (0..1) of sorted values, by linear interpolation. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function median(values: number[]): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(latencies: number[]): LatencySummary {
  const s = Float64Array.from(latencies).sort();
  const sorted = Array.from(s);
  return {
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? NaN,
    mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1),
  };
}
