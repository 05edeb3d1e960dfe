import { useTranslation } from 'react-i18next';
import { recordTitle } from '../model/entity-model.ts';
import { useEntityModel } from '../model/use-entity-model.ts';
import { splitEntityKey } from '../api/queries.ts';
import { useRecordTitle } from './use-record-title.ts';

/**
 * A referenced record by its display field. Lists ask for references expanded (`expand=`), so
 * the value is often the record itself; a bare id (in history, in forms) is looked up.
 */
export function ReferenceLabel({ target, value }: { target: string; value: unknown }) {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'object') return <ExpandedLabel target={target} record={value as Record<string, unknown>} />;
  return <IdLabel target={target} id={String(value)} />;
}

function ExpandedLabel({ target, record }: { target: string; record: Record<string, unknown> }) {
  const { bundle, entity } = splitEntityKey(target, '');
  const { model } = useEntityModel(bundle, entity);
  return <span>{model ? recordTitle(model, record) : String(record.id ?? '').slice(0, 8)}</span>;
}

function IdLabel({ target, id }: { target: string; id: string }) {
  const { t } = useTranslation();
  const title = useRecordTitle(target, id);
  return <span>{title === null ? t('record.referenceUnavailable') : (title ?? '…')}</span>;
}
