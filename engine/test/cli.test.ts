import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, REPO, type TestEngine } from './harness.ts';

// The `opsflux` CLI as a user runs it: a child process on a test database, exit codes and output.

const BIN = path.join(REPO, 'engine/bin/opsflux.js');
const bundleDir = (name: string) => path.join(REPO, 'engine/test/bundles', name);
const INVALID = path.join(REPO, 'engine/test/fixtures/invalid-bundles/06-bundle-name-uppercase');

let t: TestEngine;
let tmp: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return cliWithInput(undefined, ...args);
}

function cliWithInput(input: string | undefined, ...args: string[]): Promise<Run> {
  const env = { ...process.env, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test' };
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: REPO, env, timeout: 180_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}
const versionRows = async () => Number((await t.engine.db('sys_bundle_versions').count('* as n'))[0]!.n);

beforeAll(async () => {
  t = await createTestEngine();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'opsflux-cli-'));
});
afterAll(async () => {
  await t?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

// Each command is a fresh Node process compiling the engine with tsx: seconds each, and much
// more on a loaded machine, so a test of three or four commands gets a longer limit.
describe('opsflux CLI', { timeout: 240_000 }, () => {
  it('validate: a valid bundle exits 0 and says so', async () => {
    const run = await cli('validate', bundleDir('plan-v1'));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('✓ inv 1.0.0 is valid (2 entities)');
  });

  it('validate: an invalid bundle exits 1 with the located problem', async () => {
    const copy = path.join(tmp, 'invalid');
    cpSync(INVALID, copy, { recursive: true });
    const expected = JSON.parse(readFileSync(path.join(INVALID, 'expected.json'), 'utf8')).issues[0];
    const run = await cli('validate', copy);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('1 problem(s)');
    expect(run.stdout).toContain(`${expected.file}#${expected.pointer}: ${expected.message} [${expected.code}]`);
  });

  it('validate: a missing folder exits 1', async () => {
    const run = await cli('validate', path.join(tmp, 'nothing-here'));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Nothing found at');
  });

  it('plan: lists the steps of a first install without applying them', async () => {
    const run = await cli('plan', bundleDir('plan-v1'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^inv: \(not installed\) → 1\.0\.0, \d+ step\(s\)$/m);
    expect(run.stdout).toContain('+ Create table inv_bin');
    expect(run.stdout).toContain('+ Create table inv_item');
    expect(run.stdout).toContain('+ Link inv_item.bin to inv_bin (on delete restrict)');
    expect(run.stdout).not.toContain('!');
    expect(await versionRows()).toBe(0);
  });

  it('apply: applies, then applying again is a no-op', async () => {
    const first = await cli('apply', bundleDir('plan-v1'));
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('✓ applied inv 1.0.0');
    expect(await versionRows()).toBe(1);
    const again = await cli('apply', bundleDir('plan-v1'));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('= inv 1.0.0: already applied, nothing to do');
    expect(again.stdout).not.toContain('✓ applied');
    expect(await versionRows()).toBe(1);
  });

  it('bundles: lists the applied bundle', async () => {
    const run = await cli('bundles');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^inv\s+1\.0\.0\s+active\s+\S+\s+Inventory \(2 entities\)$/m);
  });

  it('plan and plan --dry-run on a breaking change: rows counted, dry run exits 1 with sample ids', async () => {
    await t.engine.reload();
    const created = await request(t.app)
      .post('/api/v1/data/inv/item')
      .send([{ name: 'a', sku: 'S-1' }, { name: 'b' }, { name: 'c' }, { name: 'd' }]);
    expect(created.status).toBe(201);
    const empty = created.body.data
      .filter((r: { sku: string | null }) => r.sku === null)
      .map((r: { id: string }) => r.id)
      .sort();

    const plan = await cli('plan', bundleDir('plan-v2-required'));
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('inv: 1.0.0 → 2.0.0');
    expect(plan.stdout).toContain('! Make inv_item.sku required [3 row(s)]  (destructive)');
    expect(plan.stdout).toContain('+ Add column inv_item.color');

    const dry = await cli('plan', '--dry-run', bundleDir('plan-v2-required'));
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain(`3 row(s) would fail, e.g. ${empty.join(', ')}`);
    expect(dry.stdout).toMatch(/contains null values/);
    const fine = await cli('plan', '--dry-run', bundleDir('plan-v2-add-column'));
    expect(fine.code).toBe(0);
    expect(fine.stdout).toContain('dry run: every step succeeds on the current data');
    expect(await versionRows()).toBe(1);
  });

  it('apply: refuses a destructive plan without --allow-destructive (exit 1, nothing changed)', async () => {
    const run = await cli('apply', bundleDir('plan-v2-required'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('has 1 destructive step(s)');
    expect(run.stderr).toContain('inv_item.sku: Make inv_item.sku required (3 row(s))');
    expect(await t.engine.db('sys_bundles').pluck('version')).toEqual(['1.0.0']);
    const forced = await cli('apply', '--allow-destructive', bundleDir('plan-v2-required'));
    expect(forced.code).toBe(1);
    expect(forced.stderr).toMatch(/contains null values/);
    expect(await t.engine.db('sys_bundles').pluck('version')).toEqual(['1.0.0']);
  });

  it('apply an upgrade, then uninstall keeps the data in sys_archive', async () => {
    const up = await cli('apply', bundleDir('plan-v2-add-column'));
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('inv: 1.0.0 → 1.1.0, 1 step(s)');
    expect(up.stdout).toContain('✓ applied inv 1.1.0');
    const gone = await cli('uninstall', 'inv');
    expect(gone.code).toBe(0);
    expect(gone.stdout).toMatch(/✓ inv uninstalled; data kept in sys_archive\.inv_\w+, sys_archive\.inv_\w+/);
    const again = await cli('uninstall', 'inv');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('The bundle "inv" is not installed');
    const none = await cli('bundles');
    expect(none.stdout).toContain('No bundle applied yet');
  });

  it('users create-admin: prints a single-use link to choose the password, never a password', async () => {
    const run = await cli('users', 'create-admin', '--email', 'first.admin@cli.example', '--first-name', 'First');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✓ administrator first.admin@cli.example created');
    const link = /(http\S+reset-password\?token=(\S+))/.exec(run.stdout)!;
    const token = decodeURIComponent(link[2]!);
    const set = await request(t.rawApp)
      .post('/api/v1/auth/password/reset')
      .send({ token, newPassword: 'a lighthouse keeps watch over the bay' });
    expect(set.status).toBe(204);
    const login = await request(t.rawApp)
      .post('/api/v1/auth/login')
      .send({ email: 'first.admin@cli.example', password: 'a lighthouse keeps watch over the bay' });
    expect(login.status).toBe(200);
    expect(login.body.data.user.systemRoles).toEqual(['admin']);
    const again = await cli('users', 'create-admin', '--email', 'FIRST.admin@cli.example');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already uses');
  });

  it('users create-admin --password-stdin: the password policy applies', async () => {
    const weak = await cliWithInput(
      'password123\n',
      'users',
      'create-admin',
      '--email',
      'weak@cli.example',
      '--password-stdin',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/password/i);
    const ok = await cliWithInput(
      'tides turn twice a day at the jetty\n',
      'users',
      'create-admin',
      '--email',
      'stdin@cli.example',
      '--password-stdin',
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).not.toContain('reset-password');
  });

  it('test-permissions: runs the cases of a shipped bundle and exits 0', async () => {
    const run = await cli('test-permissions', path.join(REPO, 'definitions/bundles/tiers'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✓ tiers permissions\/tests\/roles.json: a viewer/);
    expect(run.stdout).not.toContain('✗');
  });
});
