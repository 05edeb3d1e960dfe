import type { Page } from 'playwright-core';
import { choose, fillText, saved } from './designer-entity-steps.ts';

/**
 * The designer scenario's view, made with the view editor's own controls: its entity picked by
 * label, its columns added one by one and each set to its field, then the default order.
 */

/** The columns of fixtures/designer/views/inspections.json, as the column pickers name them. */
const COLUMNS = [
  'Plate (plate)',
  'State (state)',
  'Site (site)',
  'Inspected on (inspected_on)',
  'Result (result)',
  'Summary (summary)',
];

/** The vehicle inspections list of fixtures/designer/views/inspections.json, built in its editor. */
export async function buildView(page: Page) {
  const settings = page.getByRole('region', { name: 'View', exact: true });
  const entity = settings.getByRole('combobox', { name: 'Entity', exact: true });
  await entity.fill('Vehicle');
  await page.getByRole('option', { name: 'Vehicle inspection (inspection)', exact: true }).click();
  await fillText(settings, 'Label', { en: 'Vehicle inspections', fr: 'Inspections de véhicules' });
  await settings.getByLabel('Rows per page', { exact: true }).fill('25');

  // Each new column takes the first unused field; its picker then sets the one wanted there.
  const columns = page.getByRole('region', { name: 'Columns', exact: true });
  for (const [i, field] of COLUMNS.entries()) {
    await columns.getByRole('button', { name: 'Add a column' }).click();
    await choose(page, columns, `Column ${i + 1}`, field);
  }

  // Newest first: the default order the list opens with.
  const order = page.getByRole('region', { name: 'Default order', exact: true });
  await order.getByRole('button', { name: 'Add an order' }).click();
  const first = order.getByRole('group', { name: 'Order 1', exact: true });
  await choose(page, first, 'Sort by', 'Created at (created_at)');
  await choose(page, first, 'Direction', 'Descending');
  await page.waitForTimeout(800);
  await saved(page);
}
