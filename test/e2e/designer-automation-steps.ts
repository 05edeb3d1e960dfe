import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { choose, fillText, saved } from './designer-entity-steps.ts';

/**
 * The designer scenario's automation, made in the automation builder: when an inspection is
 * created (trigger), only if its result is "fail" (a comparison in the LogicBuilder's visual
 * mode), notify the inspectors (action). Then its dry run on sample values shows that a failed
 * inspection notifies the role's one holder and a passed one does nothing.
 */

/** Runs the saved draft's automation on `sample` and returns the dry run's section. */
async function dryRun(page: Page, sample: object) {
  const tryIt = page.getByRole('region', { name: 'Try it', exact: true });
  await tryIt.getByRole('radio', { name: 'Sample values' }).check();
  await tryIt.getByRole('textbox', { name: 'Record (JSON)', exact: true }).fill(JSON.stringify(sample));
  await tryIt.getByRole('button', { name: 'Run dry' }).click();
  return tryIt.getByRole('region', { name: 'Dry run', exact: true });
}

/** The automation of fixtures/designer/automations/flag_failure.json, built in its editor. */
export async function buildAutomation(page: Page) {
  const general = page.getByRole('region', { name: 'General', exact: true });
  await fillText(general, 'Label', { en: 'Flag a failed inspection', fr: 'Signaler une inspection non conforme' });
  await general.getByRole('combobox', { name: 'Entity whose events it listens to' }).fill('inspection');
  await page.getByRole('option', { name: 'inspection', exact: true }).click();

  const trigger = page.getByRole('region', { name: 'When (trigger)', exact: true });
  await choose(page, trigger, 'Trigger', 'A record is created');

  const condition = page.getByRole('region', { name: 'Only if (condition)', exact: true });
  await condition.getByRole('button', { name: 'Comparison', exact: true }).click();
  const variable = condition.getByRole('combobox', { name: 'Variable', exact: true });
  await variable.fill('record.result');
  await variable.press('Enter');
  await condition.getByRole('textbox', { name: 'Value', exact: true }).fill('fail');

  const actions = page.getByRole('region', { name: 'Then (actions)', exact: true });
  await choose(page, actions, 'Kind of action', 'Notify in the app');
  await actions.getByRole('button', { name: 'Add an action' }).click();
  const notify = actions.getByRole('region', { name: 'Action 1: Notify in the app', exact: true });
  await notify.getByRole('checkbox', { name: 'The record’s creator' }).uncheck();
  const roles = notify.getByRole('combobox', { name: 'Roles', exact: true });
  await roles.fill('inspector');
  await roles.press('Enter');
  await fillText(notify, 'Title', {
    en: '{{record.plate}} failed its inspection',
    fr: "{{record.plate}} a échoué à l'inspection",
  });
  await page.waitForTimeout(800);
  await saved(page);

  // The dry run reads the saved draft: a failed inspection notifies the inspector...
  const failed = await dryRun(page, { plate: 'ZZ-999-ZZ', result: 'fail' });
  await failed.getByText('Done', { exact: true }).waitFor({ timeout: 30_000 });
  const done = failed.getByRole('list', { name: 'What the actions did' });
  await expect(done.getByRole('listitem').allInnerTexts()).resolves.toEqual([
    expect.stringMatching(/^1\. notify\s+\{"recipients":1,"notifications":1\}$/),
  ]);
  // ...and a passed one is skipped, its condition false.
  const passed = await dryRun(page, { plate: 'ZZ-999-ZZ', result: 'pass' });
  await passed.getByText('Skipped', { exact: true }).waitFor({ timeout: 30_000 });
  await passed.getByText('Why: the condition does not hold').waitFor();
  await passed.getByText('No action ran.').waitFor();
}
