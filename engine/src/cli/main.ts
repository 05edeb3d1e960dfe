import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pickText } from '@opsflux/definitions';
import { Command } from 'commander';
import { verifyAudit } from '../audit/verify-audit.ts';
import { readAppliedBundles } from '../bundles/bundle-store.ts';
import {
  applyBundle,
  dryRunBundle,
  planBundle,
  prepareBundles,
  type PreparedBundle,
} from '../bundles/bundle-service.ts';
import { formatIssue } from '../bundles/validate-bundle.ts';
import { config } from '../config.ts';
import { runPermissionTests } from '../access/permission-tests.ts';
import { issueResetLink } from '../auth/reset-links.ts';
import { newToken, sha256 } from '../auth/tokens.ts';
import { systemContext } from '../data/request-context.ts';
import { createUser } from '../identity/users.ts';
import { shippedBundles } from './shipped-bundles.ts';
import { Engine } from '../engine.ts';
import { isOpsError } from '../errors.ts';
import { uninstallBundle } from '../schema/apply-plan.ts';
import { bundleTables } from '../schema/physical-model.ts';
import type { Plan } from '../schema/plan-types.ts';
import { loadSeed, readSeed } from '../seed/load-seed.ts';
import { createLogger } from '../logger.ts';
import { exportBundle } from '../bundle-admin/export-bundle.ts';
import { writeExport } from '../bundle-admin/write-export.ts';
import { formatBundleFolder } from '../bundle-admin/format-folder.ts';

const out = (s = '') => process.stdout.write(`${s}\n`);
const cliLog = () => createLogger(process.env.LOG_LEVEL ?? 'warn');

async function withEngine<T>(fn: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await Engine.create(config(), { log: cliLog() });
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}

function reportIssues(prepared: PreparedBundle[]): boolean {
  let ok = true;
  for (const p of prepared) {
    if (!p.issues.length) continue;
    ok = false;
    out(`✗ ${p.name} (${p.location}): ${p.issues.length} problem(s)`);
    for (const i of p.issues) out(`  - ${formatIssue(i)}`);
  }
  return ok;
}

function printPlan(plan: Plan): void {
  if (plan.noop) {
    out(`= ${plan.bundle} ${plan.toVersion}: already applied, nothing to do`);
    return;
  }
  out(`${plan.bundle}: ${plan.fromVersion ?? '(not installed)'} → ${plan.toVersion}, ${plan.steps.length} step(s)`);
  for (const s of plan.steps) {
    const rows = s.rowsAffected !== undefined ? ` [${s.rowsAffected} row(s)]` : '';
    out(`  ${s.destructive ? '!' : '+'} ${s.description}${rows}${s.destructive ? '  (destructive)' : ''}`);
  }
}

/** Applies bundles in dependency order; their names in that order, or undefined when one is invalid. */
async function applyAll(engine: Engine, locations: string[], allowDestructive: boolean): Promise<string[] | undefined> {
  const prepared = await prepareBundles(engine.db, locations);
  if (!reportIssues(prepared)) return undefined;
  for (const p of prepared) {
    const plan = await applyBundle(engine.db, p.bundle!, { allowDestructive, appliedBy: 'cli' });
    printPlan(plan);
    if (!plan.noop) out(`✓ applied ${p.name} ${p.bundle!.manifest.version}`);
  }
  await engine.reload();
  return prepared.map((p) => p.name);
}

async function seedBundle(engine: Engine, bundle: string): Promise<void> {
  const data = await readSeed(engine.config.seedsDir, bundle);
  const counts = await loadSeed(systemContext(engine.db, engine.registry.current, engine.log, 'seed'), bundle, data);
  out(
    `✓ seeded ${bundle}: ${Object.entries(counts)
      .map(([e, n]) => `${n} ${e}`)
      .join(', ')} new record(s)`,
  );
}

async function serve(engine: Engine): Promise<void> {
  const server = await engine.listen();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : engine.config.port;
  out(`OpsFlux is running on http://localhost:${port}  (API docs: http://localhost:${port}/api/docs)`);
  out(
    `Database: ${engine.connection.kind === 'pglite' ? `embedded PGlite in ${engine.config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
  );
  if (engine.config.jobs.worker === 'inline') {
    await engine.jobs.start();
    await engine.notifications.start();
  }
  const stop = () => {
    // Open sockets would keep the server from closing.
    engine.notifications.live.disconnectAll();
    server.close(() => void engine.close().then(() => process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const program = new Command('opsflux').description('OpsFlux engine command line').showHelpAfterError();

program
  .command('validate')
  .argument('<bundles...>', 'bundle folders or .zip files')
  .description('check bundles without touching the database schema')
  .action(async (locations: string[]) => {
    const ok = await withEngine(async (engine) => {
      const prepared = await prepareBundles(engine.db, locations);
      for (const p of prepared)
        if (!p.issues.length)
          out(`✓ ${p.name} ${p.bundle!.manifest.version} is valid (${p.bundle!.entities.length} entities)`);
      return reportIssues(prepared);
    });
    process.exitCode = ok ? 0 : 1;
  });

program
  .command('plan')
  .argument('<bundles...>')
  .option('--dry-run', 'run the plan in a rolled-back transaction and report what fails on the real data')
  .description('show the schema changes applying the bundles would make')
  .action(async (locations: string[], opts: { dryRun?: boolean }) => {
    process.exitCode = await withEngine(async (engine) => {
      const prepared = await prepareBundles(engine.db, locations);
      if (!reportIssues(prepared)) return 1;
      let code = 0;
      for (const p of prepared) {
        if (!opts.dryRun) {
          printPlan(await planBundle(engine.db, p.bundle!));
          continue;
        }
        const { plan, problems } = await dryRunBundle(engine.db, p.bundle!);
        printPlan(plan);
        if (!problems.length) out('  dry run: every step succeeds on the current data');
        for (const pr of problems) {
          code = 1;
          out(
            `  ✗ step ${pr.step} (${pr.description})${pr.count ? `: ${pr.count} row(s) would fail, e.g. ${pr.sampleIds?.join(', ')}` : ''}${pr.error ? `\n      ${pr.error}` : ''}`,
          );
        }
      }
      return code;
    });
  });

program
  .command('apply')
  .argument('<bundles...>')
  .option('--allow-destructive', 'allow steps that drop or narrow data')
  .description('apply bundles to the database (one transaction each, in dependency order)')
  .action(async (locations: string[], opts: { allowDestructive?: boolean }) => {
    process.exitCode = (await withEngine((engine) => applyAll(engine, locations, !!opts.allowDestructive))) ? 0 : 1;
  });

program
  .command('uninstall')
  .argument('<bundle>')
  .option('--purge', 'drop the tables instead of archiving them')
  .description('remove an applied bundle; its tables are archived in schema sys_archive unless --purge')
  .action(async (name: string, opts: { purge?: boolean }) => {
    await withEngine(async (engine) => {
      const applied = await readAppliedBundles(engine.db);
      const target = applied.get(name);
      if (!target) throw new Error(`The bundle "${name}" is not installed`);
      const dependants = [...applied.values()]
        .filter((a) => a.bundle.manifest.dependencies?.[name])
        .map((a) => a.bundle.manifest.name);
      if (dependants.length) throw new Error(`Cannot uninstall "${name}": ${dependants.join(', ')} depend(s) on it`);
      const tables = bundleTables(target.bundle)
        .map((t) => t.name)
        .reverse();
      const moved = await uninstallBundle(engine.db, target.bundle, tables, { purge: !!opts.purge, by: 'cli' });
      out(
        opts.purge
          ? `✓ ${name} uninstalled and its tables dropped`
          : `✓ ${name} uninstalled; data kept in ${moved.join(', ')}`,
      );
    });
  });

program
  .command('export')
  .argument('<bundle>', 'name of an installed bundle')
  .requiredOption('--out <path>', 'a folder, or a file ending in .zip')
  .option('--seed', "add the bundle's demo data as JSON under seed/")
  .option('--draft', "export the designer's draft when there is one")
  .option('--force', 'replace the JSON files of a folder that already holds some')
  .description('write an installed bundle as formatted files (config as code), as the designer exports it')
  .action(async (name: string, opts: { out: string; seed?: boolean; draft?: boolean; force?: boolean }) =>
    withEngine(async (engine) => {
      const exported = await exportBundle(engine.db, name, {
        seed: !!opts.seed,
        draft: !!opts.draft,
        seedsDir: engine.config.seedsDir,
      });
      const written = await writeExport(exported.files, opts.out, { force: !!opts.force });
      out(
        `✓ ${name} ${exported.version}${exported.fromDraft ? ' (draft)' : ''}: ${written.written} file(s) written to ${opts.out}`,
      );
      if (opts.seed && !exported.seeded) out(`  (no demo data for "${name}")`);
    }),
  );

program
  .command('format')
  .argument('<folders...>', 'bundle folders')
  .option('--check', 'change nothing: list the files written otherwise and exit 1 if there are any')
  .description("write a bundle folder's files as the designer writes them (config as code)")
  .action(async (folders: string[], opts: { check?: boolean }) => {
    let differing = 0;
    for (const folder of folders) {
      const result = await formatBundleFolder(folder, { check: !!opts.check });
      for (const u of result.unreadable)
        process.stderr.write(`✗ ${path.join(folder, u.file)}: not JSON (${u.message})\n`);
      for (const f of result.changed) out(`${opts.check ? '✗' : '✓'} ${path.join(folder, f)}`);
      differing += result.changed.length + result.unreadable.length;
      out(`${folder}: ${result.total} file(s), ${result.changed.length} ${opts.check ? 'to format' : 'formatted'}`);
    }
    if (opts.check && differing) process.exitCode = 1;
  });

program
  .command('seed')
  .argument('<bundle>')
  .description('load the demo data of a bundle (skips records already present)')
  .action(async (bundle: string) => withEngine((engine) => seedBundle(engine, bundle)));

program
  .command('bundles')
  .description('list applied bundles')
  .action(async () =>
    withEngine(async (engine) => {
      const applied = await readAppliedBundles(engine.db);
      if (!applied.size) out('No bundle applied yet. Try: npx opsflux apply definitions/bundles/<name>');
      for (const a of applied.values()) {
        out(
          `${a.bundle.manifest.name.padEnd(16)} ${a.version.padEnd(10)} ${a.status.padEnd(8)} ${a.appliedAt}  ${pickText(a.bundle.manifest.title)} (${a.bundle.entities.length} entities)`,
        );
      }
    }),
  );

program
  .command('audit')
  .argument('<action>', 'verify')
  .description('verify: walk the audit chain and name the first altered or missing entry')
  .action(async (action: string) => {
    if (action !== 'verify') throw new Error(`Unknown audit action "${action}"; use: opsflux audit verify`);
    await withEngine(async (engine) => {
      const result = await verifyAudit(engine.db);
      if (result.ok) out(`✓ audit trail intact: ${result.checked} entries verified`);
      else {
        out(
          `✗ audit trail altered at entry ${result.firstBad!.id}: ${result.firstBad!.reason} (${result.checked} entries before it are intact)`,
        );
        process.exitCode = 1;
      }
    });
  });

const users = program.command('users').description('manage user accounts');
users
  .command('create-admin')
  .requiredOption('--email <email>', 'e-mail address of the administrator')
  .option('--first-name <name>', 'first name', 'Admin')
  .option('--last-name <name>', 'last name', 'OpsFlux')
  .option('--password-stdin', 'read the password from standard input instead of sending a set-password link')
  .description('create an administrator account (the first one, or another); no default account exists')
  .action(async (opts: { email: string; firstName: string; lastName: string; passwordStdin?: boolean }) =>
    withEngine(async (engine) => {
      const password = opts.passwordStdin ? (await readStdin()).replace(/\r?\n$/, '') : undefined;
      const user = await createUser(
        engine.db,
        engine.config.auth,
        {
          email: opts.email,
          firstName: opts.firstName,
          lastName: opts.lastName,
          systemRoles: ['admin'],
          ...(password !== undefined && { password }),
        },
        { id: null, name: 'cli' },
      );
      out(`✓ administrator ${user.email} created (${user.id})`);
      if (password === undefined) {
        const link = await issueResetLink(engine.db, engine.config.publicUrl, user.id, 24 * 60);
        out(`  Choose the password within 24 hours at:\n  ${link}`);
      }
    }),
  );

program
  .command('test-permissions')
  .argument('<bundles...>', 'bundle folders whose permissions/tests/*.json to run')
  .description('run the permission test cases of bundles on a scratch in-memory database')
  .action(async (locations: string[]) => {
    const scratch = await Engine.create(
      { ...config(), databaseUrl: undefined, dataDir: 'memory://', redisUrl: undefined },
      { log: cliLog() },
    );
    try {
      const prepared = await prepareBundles(scratch.db, withDependencies(locations, scratch.config.bundlesDir));
      if (!reportIssues(prepared)) return void (process.exitCode = 1);
      for (const p of prepared) await applyBundle(scratch.db, p.bundle!, { appliedBy: 'test-permissions' });
      await scratch.reload();
      let failed = 0;
      for (const location of locations) {
        const bundle = prepared.find((p) => path.resolve(p.location) === path.resolve(location))!.bundle!;
        const results = await runPermissionTests(scratch.db, scratch.registry.current, bundle, scratch.log);
        if (!results.length) out(`- ${bundle.manifest.name}: no permission tests (permissions/tests/*.json)`);
        for (const r of results) {
          out(
            `${r.ok ? '✓' : '✗'} ${bundle.manifest.name} ${r.file}: ${r.name}${r.ok ? '' : `\n    ${r.problems.join('\n    ')}`}`,
          );
          if (!r.ok) failed++;
        }
      }
      if (failed) {
        out(`✗ ${failed} permission test(s) failed`);
        process.exitCode = 1;
      }
    } finally {
      await scratch.close();
    }
  });

program
  .command('serve')
  .description('serve the API and the apps')
  .action(async () => {
    await serve(await Engine.create(config()));
  });

program
  .command('worker')
  .description('run background jobs (automations, e-mail, notifications, timers) until SIGTERM')
  .action(async () => {
    const engine = await Engine.create(config());
    await engine.jobs.start();
    await engine.notifications.start();
    out(
      `OpsFlux worker running (${engine.jobs.transport === 'bullmq' ? 'BullMQ on REDIS_URL' : 'in-process, no REDIS_URL'})`,
    );
    // Running jobs finish before the process leaves; a second signal does not wait.
    const stop = () => void engine.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('start')
  .option('--no-seed', 'do not load the demo data')
  .description('apply the shipped bundles, load their demo data, then serve')
  .action(async (opts: { seed: boolean }) => {
    const engine = await Engine.create(config());
    const order = await applyAll(engine, shippedBundles(engine.config.bundlesDir), false);
    if (!order) {
      await engine.close();
      process.exitCode = 1;
      return;
    }
    // Dependencies first: a bundle's demo data may point at its dependencies' records.
    for (const name of opts.seed ? order : []) {
      if (existsSync(path.join(engine.config.seedsDir, name))) await seedBundle(engine, name);
    }
    await offerFirstAdmin(engine);
    await serve(engine);
  });

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (c: string) => (data += c));
    process.stdin.on('end', () => resolve(data));
    process.stdin.on('error', reject);
  });
}

/** The named bundle folders, preceded by the shipped bundles they depend on (by name). */
function withDependencies(locations: string[], bundlesDir: string): string[] {
  const out = new Set<string>();
  const visit = (location: string) => {
    const manifest = JSON.parse(readFileSync(path.join(location, 'bundle.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(path.join(bundlesDir, dep));
    out.add(path.resolve(location));
  };
  locations.forEach(visit);
  return [...out];
}

/**
 * On a fresh installation nobody can sign in, and no default account exists: `start` prints a
 * single-use invitation, valid 24 hours, that creates the first administrator.
 */
async function offerFirstAdmin(engine: Engine): Promise<void> {
  const admin = await engine
    .db('sys_users')
    .whereRaw("'admin' = any(system_roles)")
    .where({ status: 'active' })
    .first();
  if (admin) return;
  const token = newToken('link');
  await engine.db('sys_invitations').insert({
    hash: sha256(token),
    system_roles: ['admin'],
    max_uses: 1,
    expires_at: new Date(Date.now() + 24 * 3600_000),
  });
  out('No administrator exists yet. Create the first one within 24 hours with this single-use invitation:');
  out(`  ${engine.config.publicUrl}/invitation?token=${encodeURIComponent(token)}`);
  out(`  or: npx opsflux users create-admin --email you@example.com`);
}

program.parseAsync().catch((e: unknown) => {
  const message = isOpsError(e)
    ? `${e.message}${e.details.length ? `\n${e.details.map((d) => `  - ${d.path}: ${d.message}`).join('\n')}` : ''}`
    : (e as Error).message;
  process.stderr.write(`✗ ${message}\n`);
  process.exitCode = 1;
});
