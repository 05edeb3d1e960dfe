import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { chromium, type Browser } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../engine/src/identity/users.ts';
import { createTestEngine, REPO, type TestEngine } from '../../engine/test/harness.ts';
import { CHROMIUM } from './browser-kit.ts';

/**
 * A bundle published in the designer reaches a runtime UI already open: the engine tells the
 * app's socket `meta:changed` and the side navigation shows the new menu label, without a reload.
 * The app is built from the working tree into a folder of its own, so this test never depends on
 * (or disturbs) runtime-ui/dist.
 */
const OPS = path.join(REPO, 'test/e2e/fixtures/ops');
const admin = { email: 'ada.designer@ops.example', password: 'the harbour lights at dusk' };

let t: TestEngine;
let server: Server;
let base: string;
let browser: Browser;
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'opsflux-live-meta-'));
  execFileSync('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: path.join(REPO, 'runtime-ui'),
    stdio: 'ignore',
  });
  t = await createTestEngine([OPS]);
  await createUser(
    t.engine.db,
    t.engine.config.auth,
    {
      email: admin.email,
      password: admin.password,
      firstName: 'Ada',
      lastName: 'Designer',
      systemRoles: ['admin'],
      memberships: [{ companyId: t.companyId, roles: ['ops.planner'] }],
    },
    { id: null, name: 'e2e' },
  );
  // The engine's app, then the app built above (and its index.html for client-side routes).
  const outer = express();
  outer.use(t.engine.app());
  outer.use(express.static(dist));
  outer.get('/{*rest}', (_req, res) => res.sendFile(path.join(dist, 'index.html')));
  server = createServer(outer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.engine.notifications.attach(server);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

describe('live meta', () => {
  it('redraws the navigation of an open app when a bundle is published', async () => {
    const signIn = async (opts: { socket: boolean }) => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      // The control: the same app without its socket does not hear of the publish.
      if (!opts.socket) {
        await page.route('**/socket.io/**', (route) => route.abort());
        await page.routeWebSocket('**/socket.io/**', (ws) => ws.close());
      }
      await page.goto(base);
      await page.getByLabel('E-mail').fill(admin.email);
      await page.getByLabel('Password').fill(admin.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const nav = page.getByRole('navigation', { name: 'Main navigation' });
      await nav.getByRole('link', { name: 'Work orders' }).waitFor();
      // Marks this very page: a reload would lose it.
      await page.evaluate(() => Object.assign(globalThis, { __sameDocument: true }));
      return { page, nav, context };
    };
    const live = await signIn({ socket: true });
    const deaf = await signIn({ socket: false });

    const draft = (await request(t.app).get('/api/v1/admin/bundles/ops/draft').expect(200)).body.data;
    const menu = structuredClone(draft.files['menus/ops.json']) as { items: { label: Record<string, string> }[] };
    menu.items[0]!.label = { en: 'Jobs to do', fr: 'Travaux à faire' };
    const put = await request(t.app)
      .put('/api/v1/admin/bundles/ops/draft/files/menus/ops.json')
      .send({ revision: draft.revision, content: menu })
      .expect(200);
    const published = await request(t.app)
      .post('/api/v1/admin/bundles/ops/draft/publish')
      .send({ revision: put.body.data.revision })
      .expect(200);
    expect(published.body.data.plan.steps).toEqual([]);

    await live.nav.getByRole('link', { name: 'Jobs to do' }).waitFor({ timeout: 5_000 });
    await expect(live.nav.getByRole('link', { name: 'Work orders' }).count()).resolves.toBe(0);
    const same = (p: typeof live.page) => p.evaluate(() => (globalThis as { __sameDocument?: boolean }).__sameDocument);
    await expect(same(live.page)).resolves.toBe(true);

    await deaf.page.waitForTimeout(2_000);
    await expect(deaf.nav.getByRole('link', { name: 'Work orders' }).count()).resolves.toBe(1);
    await expect(same(deaf.page)).resolves.toBe(true);
    await live.context.close();
    await deaf.context.close();
  });
});
