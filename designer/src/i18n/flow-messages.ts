import i18next, { type i18n as I18n } from 'i18next';
import { permissionsEn } from './permissions.en.ts';
import { permissionsEs } from './permissions.es.ts';
import { permissionsFr } from './permissions.fr.ts';
import { permissionsPt } from './permissions.pt.ts';
import { workflowsEn } from './workflows.en.ts';
import { workflowsEs } from './workflows.es.ts';
import { workflowsFr } from './workflows.fr.ts';
import { workflowsPt } from './workflows.pt.ts';

/** The workflow designer's (`workflowEditor.`) and permission editor's (`permissionEditor.`) words. */
export const flowMessages = {
  en: { ...workflowsEn, ...permissionsEn },
  fr: { ...workflowsFr, ...permissionsFr },
  es: { ...workflowsEs, ...permissionsEs },
  pt: { ...workflowsPt, ...permissionsPt },
};

export function registerFlowMessages(instance: I18n): void {
  for (const [lng, messages] of Object.entries(flowMessages))
    instance.addResourceBundle(lng, 'translation', messages, true, false);
}

// Like the other editors, these register on the shared instance whoever initialises it and when.
if (i18next.isInitialized) registerFlowMessages(i18next);
else i18next.on('initialized', () => registerFlowMessages(i18next));
