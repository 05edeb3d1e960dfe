import knexFactory from 'knex';
import { runAccessBench, type AccessFigures } from './access-bench.ts';
import { onCleanup } from './cleanup.ts';
import type { BenchConfig } from './config.ts';
import { cpuShare, cpuSnapshot } from './cpu.ts';
import { runLoad, type LoadOptions } from './load.ts';
import { runLoginBench, type LoginFigures } from './login-bench.ts';
import { log } from './log.ts';
import { benchAlone, databaseParticipants, settle, waitForQuiet, type Participants } from './machine.ts';
import { measureArms, type Arm, type LoadEnv } from './measure.ts';
import { checkParity } from './parity.ts';
import { bearer, createPrincipals, createSigners, type BenchPrincipals, type Signer } from './principals.ts';
import type { BenchResults, ParityCheck, ScenarioFigures } from './report.ts';
import { buildScenario, readPaths, SCENARIOS, UpdatePool, type ScenarioData, type SideState } from './scenarios.ts';
import {
  checkScoped,
  loadTickets,
  scopedArms,
  scopedFigures,
  type ScopedFigures,
  type TicketData,
} from './scoped-list.ts';
import type { Side } from './server.ts';
import { startServer, type Server } from './servers.ts';
import {
  applyBenchBundles,
  CONTACT_TABLE,
  createBenchDatabase,
  loadData,
  setupEngine,
  type LoadedData,
} from './setup-db.ts';

/**
 * Everything measured on a bench database: setup (bundles, data, users), the in-process
 * permission checks, then, against servers in child processes, engine against baseline, the
 * scoped list and the sign-in.
 */

export interface DatabaseResults {
  setup?: BenchResults['setup'];
  parity: ParityCheck[];
  http: ScenarioFigures[];
  access?: AccessFigures;
  scoped?: ScopedFigures;
  login?: LoginFigures;
}

const SIDES: Side[] = ['engine', 'baseline'];

async function scenarioData(url: string, loaded: LoadedData): Promise<ScenarioData> {
  const db = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  try {
    // The least common last names that still fill a page of 50: the filter does little database
    // work, so the list measures what each side adds on top of it.
    let { rows } = await db.raw(
      `SELECT last_name FROM "${CONTACT_TABLE}" GROUP BY last_name HAVING count(*) > 50 ORDER BY count(*), last_name LIMIT 5`,
    );
    if (rows.length === 0) {
      ({ rows } = await db.raw(
        `SELECT last_name FROM "${CONTACT_TABLE}" GROUP BY last_name ORDER BY count(*) DESC, last_name LIMIT 5`,
      ));
    }
    return {
      contactIds: loaded.contactIds,
      companyIds: loaded.companyIds,
      lastNames: rows.map((r: { last_name: string }) => r.last_name),
    };
  } finally {
    await db.destroy();
  }
}

interface Prepared {
  url: string;
  loaded: LoadedData;
  tickets?: TicketData;
  principals: BenchPrincipals;
  signers: Signer[];
}

/** Setup (not measured), and the permission checks, which need the engine in this process. */
async function prepare(cfg: BenchConfig, results: DatabaseResults): Promise<Prepared> {
  log(`creating a database on ${new URL(cfg.serverUrl).host}`);
  const db = await createBenchDatabase(cfg.serverUrl);
  onCleanup(async () => {
    await db.drop();
    log(`dropped database ${db.name}`);
  });
  const engine = await setupEngine(db.url);
  try {
    log(`database ${db.name}: applying the tiers bundle and the bench bundle (bench/bundles/benchscope)`);
    await applyBenchBundles(engine);
    log(
      `loading ${cfg.contacts.toLocaleString('en-US')} contacts and ${cfg.companies.toLocaleString('en-US')} companies`,
    );
    const loaded = await loadData(db.url, { companies: cfg.companies, contacts: cfg.contacts });
    const s = loaded.seconds;
    log(
      `loaded ${loaded.links} links; generate ${s.generate.toFixed(1)} s, insert ${s.insert.toFixed(1)} s, analyze ${s.analyze.toFixed(1)} s`,
    );
    const principals = await createPrincipals(engine);
    let tickets: TicketData | undefined;
    if (cfg.scoped || cfg.access) {
      tickets = await loadTickets(db.url, cfg.tickets, principals.companyIds);
      log(
        `loaded ${tickets.tickets.toLocaleString('en-US')} tickets in ${tickets.companies} companies ` +
          `(${tickets.visible.toLocaleString('en-US')} readable by the clerk) in ${tickets.seconds.toFixed(1)} s`,
      );
    }
    const signers = cfg.login ? await createSigners(engine, principals.clerk.companyId, cfg.loginConcurrency) : [];
    results.setup = {
      contacts: cfg.contacts,
      companies: cfg.companies,
      links: loaded.links,
      ...(tickets && { tickets: tickets.tickets }),
      seconds: { ...s, ...(tickets && { tickets: tickets.seconds }) },
    };
    if (cfg.access) {
      if (cfg.waitQuiet > 0) await waitForQuiet(cfg.maxOtherCpu, Math.min(30, cfg.waitQuiet), benchAlone);
      log(`permission checks: ${cfg.accessIterations.toLocaleString('en-US')} per check`);
      const before = cpuSnapshot([process.pid]);
      results.access = await runAccessBench(engine, principals, cfg.accessIterations);
      results.access.otherCpu = cpuShare(before, cpuSnapshot([process.pid]))?.others ?? NaN;
      for (const c of results.access.checks) {
        log(`  ${c.name}: ${c.nsPerCheck.toFixed(0)} ns (hand-written ${c.baselineNsPerCheck.toFixed(1)} ns)`);
      }
      log(`  AccessCache miss ${results.access.build.missMs.toFixed(2)} ms (median)`);
    }
    return { url: db.url, loaded, ...(tickets && { tickets }), principals, signers };
  } finally {
    await engine.close();
  }
}

export async function runDatabaseBench(cfg: BenchConfig, results: DatabaseResults): Promise<void> {
  const prep = await prepare(cfg, results);
  if (!cfg.http && !cfg.scoped && !cfg.login) return;
  const { principals } = prep;

  const sides = cfg.http ? SIDES : (['engine'] as Side[]);
  const servers = {} as Record<Side, Server>;
  for (const side of sides) {
    servers[side] = await startServer(
      { side, databaseUrl: prep.url, pool: cfg.pool, logLevel: cfg.logLevel },
      onCleanup,
    );
    log(`${side} server on port ${servers[side].port} (pid ${servers[side].child.pid}, pool ${cfg.pool})`);
  }
  const url = (side: Side) => `http://127.0.0.1:${servers[side].port}`;

  const monitor = knexFactory({ client: 'pg', connection: prep.url, pool: { min: 0, max: 1 } });
  onCleanup(() => monitor.destroy());
  const who: Participants = await databaseParticipants(monitor, () => sides.map((s) => servers[s].child.pid!));
  if (cfg.waitQuiet > 0) await waitForQuiet(cfg.maxOtherCpu, cfg.waitQuiet, who);
  const load = async (opts: LoadOptions) => {
    const r = await runLoad(opts);
    await settle(monitor);
    return r;
  };
  const env: LoadEnv = { who, load };

  if (cfg.http) await engineAgainstBaseline(cfg, prep, servers, env, results);

  if (cfg.scoped && prep.tickets) {
    const checks = await checkScoped(servers.engine.port, principals);
    for (const c of checks) log(`scoped check ${c.scenario}: ${c.same ? 'yes' : 'NO'} (${c.detail})`);
    // Four arms whose gaps are a few tens of percent: more, shorter alternations than the HTTP
    // scenarios, so that drift during the run weighs on every arm alike.
    const settings = { ...cfg, rounds: cfg.scopedRounds, duration: cfg.scopedDuration };
    const measured = await measureArms('list-scoped', scopedArms(url('engine'), principals), settings, env);
    results.scoped = scopedFigures(prep.tickets, measured, checks, principals.clerk.companyId, settings);
  }

  if (cfg.login) {
    log(`sign-in: ${cfg.logins} one at a time, then ${cfg.logins * 2} with ${cfg.loginConcurrency} at once`);
    const pids = await who.pids();
    const before = cpuSnapshot(pids, who.reaper);
    results.login = await runLoginBench(load, url('engine'), prep.signers, cfg.logins, cfg.loginConcurrency);
    results.login.otherCpu = cpuShare(before, cpuSnapshot(pids, who.reaper))?.others ?? NaN;
    const l = results.login;
    log(
      `  sign-in p50 ${l.sequential.p50.toFixed(1)} ms one at a time, ${l.concurrent.p50.toFixed(1)} ms ` +
        `${cfg.loginConcurrency} at once; argon2.verify p50 ${l.sequential.verifyP50.toFixed(1)} / ${l.concurrent.verifyP50.toFixed(1)} ms`,
    );
  }
}

/** The data API of the engine, as the administrator, against the hand-written baseline. */
async function engineAgainstBaseline(
  cfg: BenchConfig,
  prep: Prepared,
  servers: Record<Side, Server>,
  env: LoadEnv,
  results: DatabaseResults,
): Promise<void> {
  const data = await scenarioData(prep.url, prep.loaded);
  const ids = prep.loaded.contactIds;
  // Disjoint pools of records to update, one per side; one spare record for the parity check.
  const poolSize = Math.min(2000, Math.floor((ids.length - 1) / 2));
  if (poolSize < cfg.connections * 4) throw new Error('Too few contacts for the update pools: raise BENCH_CONTACTS');
  const state: Record<Side, SideState> = {
    engine: { updates: new UpdatePool(ids.slice(1, 1 + poolSize)), createSeq: { n: 0 } },
    baseline: { updates: new UpdatePool(ids.slice(1 + poolSize, 1 + 2 * poolSize)), createSeq: { n: 0 } },
  };
  // The engine acts for the administrator, unrestricted as before authentication; the baseline,
  // which has no authentication, is sent no credentials.
  const headers = { engine: bearer(prep.principals.admin), baseline: undefined };
  results.parity = await checkParity(
    { engine: { port: servers.engine.port, headers: headers.engine }, baseline: { port: servers.baseline.port } },
    data,
    readPaths(data),
    ids.at(-1)!,
  );
  for (const p of results.parity) log(`parity ${p.scenario}: ${p.same ? 'identical' : 'DIFFERENT'} (${p.detail})`);

  for (const name of cfg.scenarios) {
    const info = SCENARIOS.find((x) => x.name === name)!;
    const arms: Arm[] = SIDES.map((side) => ({
      name: side,
      url: `http://127.0.0.1:${servers[side].port}`,
      ...(headers[side] && { headers: headers[side] }),
      build: (label, seed) => buildScenario(name, side, data, state[side], label, seed),
    }));
    const [engine, baseline] = await measureArms(name, arms, cfg, env);
    results.http.push({ ...info, engine: engine!, baseline: baseline!, ratio: engine!.rps / baseline!.rps });
  }
}
