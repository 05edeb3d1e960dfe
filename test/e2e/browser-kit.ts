import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO, type TestEngine } from '../../engine/test/harness.ts';

/**
 * What every browser test shares: the built apps, an engine served to Debian's Chromium,
 * axe-core's verdict on a page, and screenshots into docs/screenshots/ when `UPDATE_SCREENSHOTS=1`.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = process.env.UPDATE_SCREENSHOTS ? path.join(REPO, 'docs/screenshots') : undefined;
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Builds each app (`runtime-ui`, `designer`) whose dist/ is missing; a dist already there is used as is. */
export function ensureBuilt(...workspaces: string[]): void {
  for (const ws of workspaces) {
    if (!existsSync(path.join(REPO, ws, 'dist/index.html'))) {
      execFileSync('npm', ['run', 'build', '-w', ws], { cwd: REPO, stdio: 'ignore' });
    }
  }
}

export interface Served {
  server: Server;
  base: string;
  browser: Browser;
}

/** Serves a test engine on a free loopback port and launches Chromium to drive it. */
export async function serveInBrowser(t: TestEngine): Promise<Served> {
  const server = await t.engine.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  return { server, base, browser };
}

/** Closes what `serveInBrowser` opened (whatever of it a failed start left), then the engine. */
export async function closeServed(served: Partial<Served>, t: TestEngine | undefined): Promise<void> {
  await served.browser?.close();
  await new Promise((resolve) => served.server?.close(resolve));
  await t?.close();
}

/** Serious and critical axe-core violations of the page as it stands. */
export async function axe(page: Page): Promise<string[]> {
  // Colours mid-transition (a label turning to the focus colour) are not what anyone reads.
  await page.addStyleTag({
    content: '*, *::before, *::after { transition: none !important; animation: none !important; }',
  });
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] };
    // Runs in the page: the test's compiler knows no DOM, so the page's globals are typed here.
    const page = globalThis as unknown as {
      document: unknown;
      axe: { run: (c: unknown, o: object) => Promise<Result> };
    };
    const result = await page.axe.run(page.document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ ...v, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).join(', ')}`);
}

/** Saves the page as docs/screenshots/<name>.png when screenshots are asked for. */
export async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  if (!SHOTS) return;
  // Chips and drawers fade in: let them finish.
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: opts.fullPage ?? true });
}

/**
 * Types a calendar day into a date field's sections (year, month, day), for a user whose date
 * format is year first (English). Key by key with a short pause: a loaded machine otherwise drops
 * keystrokes between the sections. The year section is named in the picker's language.
 */
export async function typeDate(page: Page, label: string, day: string): Promise<void> {
  const year = page.getByRole('group', { name: label }).getByRole('spinbutton', { name: /^(Year|Année|Año|Ano)$/ });
  await year.click();
  await page.keyboard.type(day.replaceAll('-', ''), { delay: 40 });
}
