import type { Locator, Page } from 'playwright-core';

/**
 * The designer scenario's entity, made with the entity editor's own controls as a business
 * administrator would: settings, then one field after another (type, labels, options, enum
 * values, the reference's target, the computed field's expression).
 */

/** Waits until the editor says the draft is saved. */
export const saved = (page: Page) =>
  page
    .getByRole('status')
    .filter({ hasText: /Saved \(revision \d+\)/ })
    .waitFor({ timeout: 15_000 });

/** Fills the English and French inputs of a translated text. */
export async function fillText(scope: Locator, label: string, text: { en: string; fr: string }) {
  await scope.getByLabel(`${label} (English)`, { exact: true }).fill(text.en);
  await scope.getByLabel(`${label} (French)`, { exact: true }).fill(text.fr);
}

/** Picks an option of a MUI select by its accessible name. */
export async function choose(page: Page, scope: Locator, select: string, option: string) {
  await scope.getByRole('combobox', { name: select }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Adds a field, names it, gives it a type and a label; returns its settings. */
async function addField(page: Page, name: string, type: string, label: { en: string; fr: string }) {
  await page.getByRole('button', { name: 'Add a field' }).click();
  await page.getByRole('table', { name: 'Fields' }).getByRole('button', { name: 'new_field', exact: true }).click();
  await page.getByRole('region', { name: 'Field new_field' }).getByLabel('Field name').fill(name);
  const settings = page.getByRole('region', { name: `Field ${name}` });
  // The label first: an enum's values bring labels of their own.
  await fillText(settings, 'Label', label);
  if (type !== 'Short text') await choose(page, settings, 'Type', type);
  return settings;
}

/** The vehicle inspection entity of fixtures/designer/entities/inspection.json, built in its editor. */
export async function buildEntity(page: Page) {
  const entity = page.getByRole('region', { name: 'Entity' });
  await fillText(entity, 'Label', { en: 'Vehicle inspection', fr: 'Inspection de véhicule' });
  await fillText(entity, 'Plural label', { en: 'Vehicle inspections', fr: 'Inspections de véhicules' });
  await entity.getByLabel('Records belong to one company').check();

  const plate = await addField(page, 'plate', 'Short text', { en: 'Plate', fr: 'Immatriculation' });
  await plate.getByLabel('Required').check();
  await plate.getByLabel('Maximum length').fill('20');
  await choose(page, entity, 'Display field', 'plate');

  const site = await addField(page, 'site', 'Link to a record', { en: 'Site', fr: 'Site' });
  // The list of other bundles' entities may still be on its way: type again until it offers core.site.
  const target = page.getByRole('option', { name: 'Site (core.site)' });
  for (let tries = 0; !(await target.isVisible()) && tries < 5; tries++) {
    await site.getByRole('combobox', { name: 'Linked entity' }).fill('');
    await site.getByRole('combobox', { name: 'Linked entity' }).fill('Site');
    await target.waitFor({ timeout: 3000 }).catch(() => undefined);
  }
  await target.click();

  await addField(page, 'inspected_on', 'Date', { en: 'Inspected on', fr: 'Inspecté le' });

  const result = await addField(page, 'result', 'Choice list', { en: 'Result', fr: 'Résultat' });
  const values: [string, { en: string; fr: string }, string][] = [
    ['pass', { en: 'Pass', fr: 'Conforme' }, '#2e7d32'],
    ['fail', { en: 'Fail', fr: 'Non conforme' }, '#c62828'],
  ];
  for (const [i, [code, label, color]] of values.entries()) {
    if (i > 0) await result.getByRole('button', { name: 'Add a value' }).click();
    const value = result.getByRole('group', { name: `Value ${i === 0 ? 'value_1' : `value_${i + 1}`}` });
    await value.getByLabel('Code').fill(code);
    const named = result.getByRole('group', { name: `Value ${code}` });
    await fillText(named, 'Label', label);
    await named.getByLabel('Colour').fill(color);
  }

  const odometer = await addField(page, 'odometer_km', 'Whole number', { en: 'Odometer (km)', fr: 'Compteur (km)' });
  await odometer.getByLabel('Minimum', { exact: true }).fill('0');
  const defects = await addField(page, 'defects', 'Whole number', { en: 'Defects', fr: 'Défauts' });
  await defects.getByLabel('Minimum', { exact: true }).fill('0');

  // The expression is written in the LogicBuilder's JSON mode: its visual mode has no "join texts".
  const summary = await addField(page, 'summary', 'Computed', { en: 'Summary', fr: 'Résumé' });
  const expression = summary.getByRole('group', { name: 'Expression' });
  await expression.getByRole('button', { name: 'JSON' }).click();
  await expression
    .getByRole('textbox', { name: 'Expression' })
    .fill(JSON.stringify({ cat: [{ var: 'plate' }, ' — ', { var: 'defects' }, ' defect(s)'] }));

  await addField(page, 'notes', 'Long text', { en: 'Notes', fr: 'Notes' });
  await page.waitForTimeout(800);
  await saved(page);
}
