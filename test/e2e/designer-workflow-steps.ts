import type { Locator, Page } from 'playwright-core';
import { choose, fillText, saved } from './designer-entity-steps.ts';

/**
 * The designer scenario's workflow, made with the workflow editor's keyboard side: states added
 * from the "States" list, transitions from the "Add a transition" group, each edited in the
 * properties panel (names, labels, category, final, the guard in the LogicBuilder's visual mode,
 * the approval of a state with its step's role).
 */

type Text = { en: string; fr: string };

/** Renames a definition in a name field: names are committed on Enter. */
async function rename(scope: Locator, name: string) {
  const field = scope.getByRole('textbox', { name: /^Name/ });
  await field.fill(name);
  await field.press('Enter');
}

const statePanel = (page: Page, name: string) => page.getByRole('region', { name: `State ${name}`, exact: true });
const transitionPanel = (page: Page, name: string) =>
  page.getByRole('region', { name: `Transition ${name}`, exact: true });

async function addState(page: Page, name: string, label: Text) {
  await page.getByRole('region', { name: 'States', exact: true }).getByRole('button', { name: 'Add a state' }).click();
  await rename(statePanel(page, 'state'), name);
  const panel = statePanel(page, name);
  await fillText(panel, 'Label', label);
  return panel;
}

async function addTransition(page: Page, from: string, to: string, name: string, label: Text) {
  const add = page.getByRole('group', { name: 'Add a transition' });
  await choose(page, add, 'From', from);
  await choose(page, add, 'To', to);
  await add.getByRole('button', { name: 'Add a transition' }).click();
  await rename(transitionPanel(page, `to_${to}`), name);
  const panel = transitionPanel(page, name);
  await fillText(panel, 'Label', label);
  return panel;
}

/** The workflow of fixtures/designer/workflows/inspection.json, built in its editor. */
export async function buildWorkflow(page: Page) {
  const settings = page.getByRole('region', { name: 'Workflow', exact: true });
  await rename(settings, 'inspection_flow');
  await fillText(settings, 'Label', { en: 'Vehicle inspection', fr: 'Inspection de véhicule' });

  await addState(page, 'draft', { en: 'Draft', fr: 'Brouillon' });
  await addState(page, 'submitted', { en: 'Submitted', fr: 'Soumise' });
  const approved = await addState(page, 'approved', { en: 'Approved', fr: 'Approuvée' });
  await choose(page, approved, 'Category', 'Done');
  await approved.getByLabel('Final state (no way out)').check();

  const submit = await addTransition(page, 'draft', 'submitted', 'submit', { en: 'Submit', fr: 'Soumettre' });
  // The guard in the LogicBuilder's visual mode: "is set" over the record's result.
  const guard = submit.getByRole('group', { name: /^Guard/ });
  await guard.getByRole('button', { name: 'Not / is set' }).click();
  await choose(page, guard, 'Operator', 'Is set (true, non-empty)');
  await guard.getByRole('combobox', { name: 'Variable', exact: true }).fill('record.result');
  await guard.getByRole('combobox', { name: 'Variable', exact: true }).press('Enter');
  await fillText(submit, 'Message', {
    en: 'Record the result before submitting',
    fr: 'Saisissez le résultat avant de soumettre',
  });
  await addTransition(page, 'submitted', 'approved', 'approve', { en: 'Approve', fr: 'Approuver' });
  const back = await addTransition(page, 'submitted', 'draft', 'send_back', { en: 'Send back', fr: 'Renvoyer' });
  await back.getByLabel('A comment is required').check();

  // The approval asked in "submitted": its outcomes default to the state's two exits.
  await page
    .getByRole('region', { name: 'States', exact: true })
    .getByRole('button', { name: /^Submitted/ })
    .click();
  await statePanel(page, 'submitted').getByLabel('Ask for an approval in this state').check();
  const approval = page.getByRole('region', { name: 'Approval', exact: true });
  const name = approval.getByRole('textbox', { name: /^Approval name/ });
  await name.fill('review');
  await name.press('Enter');
  await rename(approval, 'lead');
  await fillText(approval, 'Label', { en: 'Fleet lead', fr: 'Chef de parc' });
  await choose(page, approval, 'Approvers', 'Holders of a role');
  await approval.getByRole('combobox', { name: 'Role', exact: true }).fill('inspector');
  await page.waitForTimeout(800);
  await saved(page);
}
