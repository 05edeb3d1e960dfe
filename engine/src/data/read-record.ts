import { badRequest } from '../errors.ts';
import type { CompiledEntity } from '../registry/registry-types.ts';
import type { RequestContext } from './request-context.ts';
import type { Row } from './record-mapper.ts';
import { selectLinks } from './relations.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Finds a row by id, or by external id when the key is not a UUID. */
export async function findRecordRow(
  ctx: RequestContext,
  entity: CompiledEntity,
  key: string,
  opts: { forUpdate?: boolean } = {},
): Promise<Row | undefined> {
  if (key.length === 0 || key.length > 255 || key.includes('\u0000')) {
    throw badRequest('invalid_id', 'A record is named by its id (a UUID) or its external id (up to 255 characters)', [
      { path: 'id', code: 'invalid_id', message: 'not a valid id or external id' },
    ]);
  }
  const find = (where: Record<string, string>) => {
    const qb = ctx
      .db(entity.table)
      .select(entity.columns.map((c) => `${entity.table}.${c}`))
      .where(where)
      .first();
    if (where.external_id !== undefined && entity.def.companyScoped) {
      // External ids are unique per company: the caller's company's record comes first.
      qb.orderByRaw('(company_id IS NOT DISTINCT FROM ?) DESC', [ctx.principal.companyId]);
    }
    selectLinks(qb, ctx.db, entity);
    return (opts.forUpdate ? qb.forUpdate() : qb) as Promise<Row | undefined>;
  };
  if (!UUID.test(key)) return find({ external_id: key });
  // An external id may look like a UUID too: the record with that id wins, else that external id.
  return (await find({ id: key.toLowerCase() })) ?? find({ external_id: key });
}
