import type { Server } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../engine/src/identity/users.ts';
import { createTestEngine, REPO, type TestEngine } from '../../engine/test/harness.ts';
import { axe, closeServed, ensureBuilt, serveInBrowser, SHOTS } from './browser-kit.ts';

/**
 * Our form renderers in Chromium, in French, for a user whose profile is in Tokyo while the
 * browser runs in UTC: decimals typed with a comma, a computed total following them as they are
 * typed, a date-time entered in Tokyo time and stored in UTC, a geopoint with its sketch and
 * map link. The record the engine stored is checked, not only the page.
 */
const GAUGE = path.join(REPO, 'test/e2e/fixtures/gauge');
const who = { email: 'rosa.reader@gauge.example', password: 'the barometer falls before the squall' };

let t: TestEngine;
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  ensureBuilt('runtime-ui');
  t = await createTestEngine([GAUGE]);
  const user = await createUser(
    t.engine.db,
    t.engine.config.auth,
    {
      email: who.email,
      password: who.password,
      firstName: 'Rosa',
      lastName: 'Reader',
      systemRoles: ['admin'],
      memberships: [{ companyId: t.companyId, roles: [] }],
    },
    { id: null, name: 'e2e' },
  );
  await t.engine.db('sys_users').where({ id: user.id }).update({ locale: 'fr', time_zone: 'Asia/Tokyo' });
  ({ server, base, browser } = await serveInBrowser(t));
}, 180_000);

afterAll(() => closeServed({ browser, server }, t));

/** Signs in, then opens a new reading's form in the profile's language (French). */
async function openNewReading(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(base);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel(/Password|Mot de passe/).fill(who.password);
  await page.getByRole('button', { name: /Sign in|Se connecter/ }).click();
  // The profile's language is adopted once signed in; the form is opened in it.
  await page.getByRole('heading', { level: 1, name: /Bienvenue/ }).waitFor();
  await page.goto(`${base}/data/gauge/reading/new`);
  await page.getByRole('heading', { level: 1, name: 'Relevé : nouvelle fiche' }).waitFor();
  return page;
}

describe('form renderers, in a browser', () => {
  it('takes French decimals, works the total out as they are typed, and stores Tokyo time in UTC', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 1000 }, timezoneId: 'UTC' });
    const page = await openNewReading(context);

    // On a wide screen a row of the form keeps its fields side by side.
    const [side, byside] = [
      await page.getByLabel('Libellé').boundingBox(),
      await page.getByLabel('Quantité').boundingBox(),
    ];
    expect(byside!.y).toBe(side!.y);
    expect(byside!.x).toBeGreaterThan(side!.x + side!.width);
    await page.getByLabel('Libellé').fill('Tank 3');
    await page.getByLabel('Quantité').fill('2,5');
    await page.getByLabel('Prix unitaire').fill('1 000,5');
    // Worked out in the browser before anything is saved.
    await expect.poll(() => page.getByLabel('Total').inputValue()).toMatch(/^2\s501,25$/);
    await page.getByLabel('Quantité').fill('2,555');
    await page.getByText('Au plus 2 chiffres après la virgule').waitFor();
    await page.getByLabel('Quantité').fill('2,5');

    // The picker speaks French: its sections, its placeholders, its calendar.
    const when = page.getByRole('group', { name: 'Relevé le' });
    await expect(when.textContent()).resolves.toMatch(/^JJ\/MM\/AAAA/);
    await when.getByRole('spinbutton', { name: 'Jour' }).click();
    await page.keyboard.type('100520260930');
    await page.getByText('Heure de Asia/Tokyo (UTC+09:00)').waitFor();
    await page.getByRole('button', { name: /^Choisir la date/ }).click();
    const calendar = page.getByRole('dialog');
    await calendar.getByText('mai 2026').waitFor();
    await calendar.getByRole('button', { name: 'La vue calendrier est ouverte, ouvrir la vue année' }).waitFor();
    await page.keyboard.press('Escape');
    await calendar.waitFor({ state: 'detached' });

    await page.getByLabel('Latitude').fill('95');
    await page.getByText('Entre -90 et 90').waitFor();
    await page.getByLabel('Latitude').fill('4,05');
    await page.getByLabel('Longitude').fill('9,7');
    await page.getByRole('img', { name: /^Position 4.05, 9.7/ }).waitFor();
    await expect(page.getByRole('link', { name: /Ouvrir dans une carte/ }).getAttribute('href')).resolves.toBe(
      'https://www.openstreetmap.org/?mlat=4.050000&mlon=9.700000#map=12/4.050000/9.700000',
    );
    expect(await axe(page)).toEqual([]);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'record-renderers.png'), fullPage: true });

    await page.getByRole('button', { name: 'Créer' }).click();
    await page.waitForURL(/\/data\/gauge\/reading\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    const row = await t.engine.db('gauge_reading').where({ id }).first();
    expect(Number(row.quantity)).toBe(2.5);
    expect(Number(row.unit_price)).toBe(1000.5);
    expect(Number(row.total)).toBe(2501.25);
    expect(new Date(row.taken_at).toISOString()).toBe('2026-05-10T00:30:00.000Z');
    expect(row.position).toEqual({ latitude: 4.05, longitude: 9.7 });
    // Read back: the same values, in the same words.
    await expect.poll(() => page.getByLabel('Prix unitaire').inputValue()).toMatch(/^1\s000,5$/);
    await expect(page.getByLabel('Latitude').inputValue()).resolves.toBe('4,05');
    await context.close();
  }, 120_000);

  it('stacks a row of fields on a phone, each as wide as the screen allows', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = await openNewReading(context);
    // The entity's default form puts the label and the quantity on one row.
    const label = (await page.getByLabel('Libellé').boundingBox())!;
    const quantity = (await page.getByLabel('Quantité').boundingBox())!;
    expect(quantity.y).toBeGreaterThanOrEqual(label.y + label.height);
    for (const box of [label, quantity]) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await context.close();
  }, 120_000);
});
