import { splitEntityKey } from '../api/queries.ts';
import { useEntityModel } from '../model/use-entity-model.ts';
import { recordTitle } from '../model/entity-model.ts';

/**
 * A referenced record by its display field. Lists ask for references expanded (`expand=`), so
 * the value is the record itself; a bare id (not expanded, or not readable) shows shortened.
 */
export function ReferenceLabel({ target, value }: { target: string; value: unknown }) {
  const { bundle, entity } = splitEntityKey(target, '');
  const { model } = useEntityModel(bundle, entity);
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return <span>{String(value).slice(0, 8)}</span>;
  const record = value as Record<string, unknown>;
  return <span>{model ? recordTitle(model, record) : String(record.id ?? '').slice(0, 8)}</span>;
}
