import type { Page } from 'playwright-core';
import { fillText, saved } from './designer-entity-steps.ts';

/**
 * The designer scenario's form, made with the form editor's own controls: a group is added from
 * the palette, named in the inspector, its placeholder text removed, and the fields placed in it
 * with the palette's "+" (which adds where the selection is) rather than by dragging.
 */

type Text = { en: string; fr: string };

/** Adds a group at the end of the form, names it and places `fields` (by their labels) in it. */
async function addGroup(page: Page, label: Text, fields: string[]) {
  const palette = page.getByRole('region', { name: 'Fields and containers' });
  const inspector = page.getByRole('region', { name: 'Selected element' });
  await page.getByRole('button', { name: 'Select Column', exact: true }).click();
  await palette.getByRole('button', { name: 'Group', exact: true }).click();
  await page.getByRole('button', { name: 'Select Group: Group', exact: true }).click();
  await fillText(inspector, 'Label', label);
  await page.getByRole('button', { name: 'Remove: Text: Group', exact: true }).click();
  await page.getByRole('button', { name: `Select Group: ${label.en}`, exact: true }).click();
  for (const field of fields) await palette.getByLabel(`Add ${field}`, { exact: true }).click();
}

/** The vehicle inspection form of fixtures/designer/forms/inspection.json, built in its editor. */
export async function buildForm(page: Page) {
  await fillText(page.getByRole('region', { name: 'Form', exact: true }), 'Label', {
    en: 'Vehicle inspection',
    fr: 'Inspection de véhicule',
  });
  await addGroup(page, { en: 'Vehicle', fr: 'Véhicule' }, ['Plate', 'Site', 'Odometer (km)']);
  await addGroup(page, { en: 'Outcome', fr: 'Résultat' }, ['Inspected on', 'Result', 'Defects', 'Notes']);
  await page.waitForTimeout(800);
  await saved(page);
}
