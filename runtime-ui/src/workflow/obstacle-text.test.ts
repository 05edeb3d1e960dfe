import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Obstacle } from '../api/api-types.ts';
import { en } from '../i18n/en.ts';
import { es } from '../i18n/es.ts';
import { fr } from '../i18n/fr.ts';
import { pt } from '../i18n/pt.ts';
import type { FieldModel } from '../model/entity-model.ts';
import { obstacleText, type ObstacleWords } from './obstacle-text.ts';

const i18n = i18next.createInstance();
void i18n.init({
  resources: { en: { translation: en }, fr: { translation: fr }, es: { translation: es }, pt: { translation: pt } },
  lng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});

const labels: Record<string, Record<string, string>> = {
  en: { draft: 'Draft', submitted: 'Submitted', returned: 'Returned', reviewer: 'Reviewer' },
  fr: { draft: 'Brouillon', submitted: 'Soumise', returned: 'Renvoyée', reviewer: 'Relecteur' },
};

/** The words of a French or English reader of an entity with three states and a user field. */
const words = (language: 'en' | 'fr' | 'es' | 'pt'): ObstacleWords => ({
  t: i18n.getFixedT(language),
  language,
  model: {
    states: ['draft', 'submitted', 'returned'].map((name) => ({
      name,
      label: labels[language]?.[name] ?? name,
      color: null,
      category: null,
      initial: name === 'draft',
      final: false,
    })),
    field: (name) =>
      name === 'reviewer' ? ({ name, label: labels[language]?.reviewer ?? name } as FieldModel) : undefined,
  },
});

const state: Obstacle = {
  code: 'state',
  message: 'The record is draft; this transition starts from submitted or returned',
  params: { state: 'draft', from: ['submitted', 'returned'] },
};
const role: Obstacle = {
  code: 'role',
  message: 'Only a role among flow.approver, the record’s creator or the user named in "reviewer" may fire it',
  params: { roles: ['flow.approver'], roleLabels: ['Approbateur'], owner: true, userField: 'reviewer' },
};

describe('why a transition is refused, in the reader’s language', () => {
  it('words each code with its params and the entity’s labels', () => {
    expect(obstacleText(state, words('fr'))).toBe(
      'La fiche est à l’état Brouillon ; cette étape part de Soumise ou Renvoyée.',
    );
    expect(obstacleText(state, words('en'))).toBe('The record is Draft; this step starts from Submitted or Returned.');
    expect(obstacleText(role, words('fr'))).toBe(
      'Réservé à un titulaire du rôle Approbateur, la personne qui a créé la fiche ou la personne indiquée dans « Relecteur ».',
    );
    expect(
      obstacleText({ code: 'permission', message: 'Your roles do not allow this transition', params: {} }, words('es')),
    ).toBe('Sus roles no permiten este paso.');
    expect(
      obstacleText(
        { code: 'approval', message: 'The approval "review" decides this', params: { approval: 'review' } },
        words('pt'),
      ),
    ).toBe('Decide-o a aprovação «review»: os seus aprovadores aprovam ou rejeitam.');
  });

  it('says each code in all four languages, none left in English', () => {
    const sentences = (['en', 'fr', 'es', 'pt'] as const).map((l) =>
      [state, role, { code: 'permission', message: '', params: {} }].map((o) => obstacleText(o, words(l))),
    );
    for (const other of sentences.slice(1)) other.forEach((s, i) => expect(s).not.toBe(sentences[0]![i]));
  });

  it('keeps a guard’s own message, already in the reader’s language, and words only the default one', () => {
    const told: Obstacle = {
      code: 'guard',
      message: 'Au-delà de 10 000, le conseil décide',
      params: { fromDefinition: true },
    };
    expect(obstacleText(told, words('fr'))).toBe('Au-delà de 10 000, le conseil décide');
    const untold: Obstacle = { code: 'guard', message: 'Its condition is not met', params: { fromDefinition: false } };
    expect(obstacleText(untold, words('fr'))).toBe('Sa condition n’est pas remplie.');
  });

  it('falls back to the engine’s message for an unknown code, missing or malformed params', () => {
    expect(obstacleText({ code: 'quota', message: 'Over the quota', params: { n: 3 } }, words('fr'))).toBe(
      'Over the quota',
    );
    expect(obstacleText({ code: 'state', message: 'The record is draft' }, words('fr'))).toBe('The record is draft');
    expect(obstacleText({ code: 'state', message: 'The record is draft', params: { state: 3 } }, words('fr'))).toBe(
      'The record is draft',
    );
  });
});
