import type { Page } from 'playwright-core';
import { fillText, saved } from './designer-entity-steps.ts';

/**
 * The designer scenario's permission file, made in the permission editor: the role added in
 * "Roles of this bundle", then each action granted on the entity with the matrix cell's scope.
 */
const ACTIONS = ['Read', 'Create', 'Update', 'Transition submit', 'Transition approve', 'Transition send_back'];

export async function buildPermissions(page: Page) {
  await page.getByRole('tab', { name: 'Roles', exact: true }).click();
  const roles = page.getByRole('region', { name: 'Roles of this bundle' });
  await roles.getByRole('button', { name: 'Add a role' }).click();
  const name = roles.getByRole('textbox', { name: /^Name/ });
  await name.fill('inspector');
  await name.press('Enter');
  await fillText(roles, 'Label', { en: 'Inspector', fr: 'Inspecteur' });
  await page.getByRole('tab', { name: 'Matrix', exact: true }).click();
  for (const action of ACTIONS) {
    await page.getByRole('combobox', { name: `inspector may ${action} inspection`, exact: true }).click();
    await page.getByRole('option', { name: 'Their companies', exact: true }).click();
  }
  await page.waitForTimeout(800);
  await saved(page);
}
