import type autocannon from 'autocannon';
import type { Side } from './server.ts';

/**
 * The HTTP scenarios. Each side gets identical requests (same paths, same bodies, same order
 * of ids), built per request by `setupRequest`; only the port differs.
 */

export const BASE = '/api/v1/data/tiers/contact';

export interface ScenarioData {
  contactIds: string[];
  companyIds: string[];
  /** Last names for the equality filter of `list`, each matching a little over a page. */
  lastNames: string[];
}

export interface ScenarioInfo {
  name: string;
  /** What the request does, for the report. */
  description: string;
  /** Counts toward the targets (the four operations); others are diagnostics. */
  target: boolean;
}

export interface ScenarioRun {
  requests: autocannon.Request[];
  /** Problems seen by response hooks (e.g. version conflicts), beyond autocannon's own counts. */
  notes: () => string[];
}

export const SCENARIOS: ScenarioInfo[] = [
  {
    name: 'list',
    description:
      'GET 50 contacts, filter equality on the indexed last_name (5 names in turn, each borne by just over 50 ' +
      'contacts), sort by the indexed email',
    target: true,
  },
  { name: 'get', description: 'GET one contact by id (random among all), with its companies', target: true },
  {
    name: 'create',
    description: 'POST a contact (9 fields, unique e-mail, 1 company link)',
    target: true,
  },
  {
    name: 'update',
    description: 'PATCH job_title with the tracked version; ids rotate in a pool, never two in flight',
    target: true,
  },
  {
    name: 'list-prefix',
    description:
      'GET 50 contacts, filter {"last_name":{"$startsWith":"M"}}, sort=last_name (same ILIKE predicate on both sides)',
    target: false,
  },
  {
    name: 'list-default',
    description: 'GET 50 contacts with no parameters (default order: newest first)',
    target: false,
  },
];

const JSON_HEADERS = { 'content-type': 'application/json' };
const TITLES = [
  'Logistics Coordinator',
  'Buyer',
  'Site Manager',
  'HSE Advisor',
  'Account Manager',
  'Drilling Engineer',
];

/** A deterministic PRNG, so both sides get the same sequence of ids. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function listPath(params: Record<string, string>): string {
  return `${BASE}?${new URLSearchParams(params).toString()}`;
}

/**
 * Version tracking for updates: a FIFO of ids; an id is taken when a request is built and goes
 * back (with the version the server returned) only when its response arrives, so no two
 * requests ever patch the same record at once and none should get a 409.
 */
export class UpdatePool {
  private readonly queue: string[];
  private readonly versions = new Map<string, number>();
  conflicts = 0;
  otherFailures = 0;
  starved = 0;

  constructor(ids: string[]) {
    this.queue = [...ids];
    for (const id of ids) this.versions.set(id, 1);
  }

  take(): { id: string; version: number } | undefined {
    const id = this.queue.shift();
    if (id === undefined) {
      this.starved++;
      return undefined;
    }
    return { id, version: this.versions.get(id)! };
  }

  settle(id: string, status: number, body: string): void {
    if (status >= 200 && status < 300) {
      const version = (JSON.parse(body) as { data: { version: number } }).data.version;
      this.versions.set(id, version);
      this.queue.push(id);
    } else if (status === 409) this.conflicts++;
    else this.otherFailures++;
  }

  get size(): number {
    return this.queue.length;
  }
}

export interface SideState {
  updates: UpdatePool;
  /** Distinguishes e-mails of created contacts across runs. */
  createSeq: { n: number };
}

/** The fixed GET path of each read scenario (the `list` one with the first name of `lastNames`). */
export function readPaths(data: ScenarioData): Record<string, string> {
  return {
    list: listPath({ filter: JSON.stringify({ last_name: data.lastNames[0] }), sort: 'email', limit: '50' }),
    'list-prefix': listPath({
      filter: JSON.stringify({ last_name: { $startsWith: 'M' } }),
      sort: 'last_name',
      limit: '50',
    }),
    'list-default': `${BASE}?limit=50`,
    get: `${BASE}/${data.contactIds[0]}`,
  };
}

/**
 * The requests of one run of `name` for `side`. `run` labels the run (it goes into e-mails of
 * created contacts); `seed` fixes the sequence of random ids, the same for both sides.
 */
export function buildScenario(
  name: string,
  side: Side,
  data: ScenarioData,
  state: SideState,
  run: string,
  seed: number,
): ScenarioRun {
  const rnd = lcg(seed);
  switch (name) {
    case 'list': {
      let i = 0;
      const paths = data.lastNames.map((n) =>
        listPath({ filter: JSON.stringify({ last_name: n }), sort: 'email', limit: '50' }),
      );
      return {
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
        notes: () => [],
      };
    }
    case 'list-prefix':
    case 'list-default':
      return { requests: [{ method: 'GET', path: readPaths(data)[name] }], notes: () => [] };
    case 'get':
      return {
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => ({
              ...req,
              path: `${BASE}/${data.contactIds[Math.floor(rnd() * data.contactIds.length)]}`,
            }),
          },
        ],
        notes: () => [],
      };
    case 'create':
      return {
        requests: [
          {
            method: 'POST',
            path: BASE,
            headers: JSON_HEADERS,
            setupRequest: (req) => {
              const n = state.createSeq.n++;
              const body = {
                first_name: 'Bench',
                last_name: `Loader${n % 97}`,
                job_title: TITLES[n % TITLES.length],
                email: `bench.${side}.${run}.${n}@load.example.com`,
                phone: '+237 222 23 45 67',
                mobile: '+237 6 77 12 34 56',
                preferred_channel: 'email',
                tags: ['offshore'],
                companies: [data.companyIds[Math.floor(rnd() * data.companyIds.length)]],
              };
              return { ...req, body: JSON.stringify(body) };
            },
          },
        ],
        notes: () => [],
      };
    case 'update': {
      const pool = state.updates;
      return {
        requests: [
          {
            method: 'PATCH',
            headers: JSON_HEADERS,
            setupRequest: (req, context) => {
              const next = pool.take();
              const ctx = context as { id?: string };
              if (!next) {
                // Cannot happen with a pool far larger than the connections; counted if it does.
                ctx.id = undefined;
                return { ...req, method: 'GET', path: `${BASE}?limit=1`, body: '' };
              }
              ctx.id = next.id;
              const body = { job_title: TITLES[next.version % TITLES.length], version: next.version };
              return { ...req, path: `${BASE}/${next.id}`, body: JSON.stringify(body) };
            },
            onResponse: (status, body, context) => {
              const id = (context as { id?: string }).id;
              if (id) pool.settle(id, status, body);
            },
          },
        ],
        notes: () => [
          ...(pool.conflicts ? [`${pool.conflicts} version conflicts (409)`] : []),
          ...(pool.otherFailures ? [`${pool.otherFailures} failed updates`] : []),
          ...(pool.starved ? [`${pool.starved} requests found the id pool empty`] : []),
        ],
      };
    }
    default:
      throw new Error(`Unknown scenario ${name}`);
  }
}
