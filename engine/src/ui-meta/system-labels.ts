import type { I18nText } from '@opsflux/definitions';

/** Labels of the columns every table has (and of those some add), for lists and forms. */
export const SYSTEM_COLUMN_LABELS: Record<string, { label: I18nText; type: string }> = {
  id: { label: { en: 'Id', fr: 'Identifiant', es: 'Identificador', pt: 'Identificador' }, type: 'string' },
  external_id: {
    label: { en: 'External id', fr: 'Identifiant externe', es: 'Identificador externo', pt: 'Identificador externo' },
    type: 'string',
  },
  created_at: { label: { en: 'Created', fr: 'Créé le', es: 'Creado el', pt: 'Criado em' }, type: 'datetime' },
  updated_at: {
    label: { en: 'Updated', fr: 'Modifié le', es: 'Modificado el', pt: 'Alterado em' },
    type: 'datetime',
  },
  created_by: { label: { en: 'Created by', fr: 'Créé par', es: 'Creado por', pt: 'Criado por' }, type: 'user' },
  updated_by: {
    label: { en: 'Updated by', fr: 'Modifié par', es: 'Modificado por', pt: 'Alterado por' },
    type: 'user',
  },
  deleted_at: {
    label: { en: 'Deleted', fr: 'Supprimé le', es: 'Eliminado el', pt: 'Eliminado em' },
    type: 'datetime',
  },
  deleted_by: {
    label: { en: 'Deleted by', fr: 'Supprimé par', es: 'Eliminado por', pt: 'Eliminado por' },
    type: 'user',
  },
  version: { label: { en: 'Version', fr: 'Version', es: 'Versión', pt: 'Versão' }, type: 'integer' },
  company_id: { label: { en: 'Company', fr: 'Société', es: 'Empresa', pt: 'Empresa' }, type: 'company' },
  state: { label: { en: 'State', fr: 'État', es: 'Estado', pt: 'Estado' }, type: 'state' },
  workflow_version: {
    label: {
      en: 'Workflow version',
      fr: 'Version du processus',
      es: 'Versión del proceso',
      pt: 'Versão do processo',
    },
    type: 'string',
  },
};
