import type { Locator, Page } from 'playwright-core';
import { choose, fillText, saved } from './designer-entity-steps.ts';

/**
 * The designer scenario's menu, made in the menu editor: its label, icon and order, then one
 * item added to the tree, named, labelled and pointed at the view in the item's fields.
 */

/** Picks an icon by name in an icon picker of `scope`. */
async function pickIcon(page: Page, scope: Locator, icon: string) {
  await scope.getByRole('combobox', { name: 'Icon', exact: true }).fill(icon);
  await page.getByRole('option', { name: icon, exact: true }).click();
}

/** The menu of fixtures/designer/menus/fleet.json, built in its editor. */
export async function buildMenu(page: Page) {
  const menu = page.getByRole('region', { name: 'Menu', exact: true });
  await fillText(menu, 'Menu label', { en: 'Fleet', fr: 'Parc' });
  await pickIcon(page, menu, 'local_shipping');
  await menu.getByLabel('Order (smaller first)', { exact: true }).fill('20');

  const items = page.getByRole('region', { name: 'Items', exact: true });
  await items.getByRole('button', { name: 'Add an item' }).click();
  // A new item opens a page of the app ("/"), selected for editing under a fresh name.
  await page
    .getByRole('region', { name: 'Item item', exact: true })
    .getByLabel('Name', { exact: true })
    .fill('inspections');
  const item = page.getByRole('region', { name: 'Item inspections', exact: true });
  await fillText(item, 'Label', { en: 'Vehicle inspections', fr: 'Inspections' });
  await pickIcon(page, item, 'fact_check');
  await choose(page, item, 'Opens', 'A view');
  await item.getByRole('combobox', { name: 'View', exact: true }).fill('inspections');
  await page.getByRole('option', { name: 'inspections', exact: true }).click();
  await item.getByText('Entity: fleet.inspection').waitFor();
  await page.waitForTimeout(800);
  await saved(page);
}
