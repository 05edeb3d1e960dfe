import type { Knex } from 'knex';
import type { Principal } from '../access/principal.ts';
import { findRecordRow } from '../data/read-record.ts';
import { toApi } from '../data/record-mapper.ts';
import { systemContext } from '../data/request-context.ts';
import { badRequest, notFound, OpsError } from '../errors.ts';
import { objectSchema } from '../http/check-body.ts';
import type { Logger } from '../logger.ts';
import { RegistryHolder } from '../registry/compile-registry.ts';
import type { Registry } from '../registry/registry-types.ts';
import type { AutomationEvent } from './automation-events.ts';
import { runAutomation, type AutomationDeps, type RunResult } from './automation-runner.ts';
import type { CompiledAutomation } from './compile-automations.ts';

export const DRY_RUN_BODY = objectSchema({
  recordId: { type: 'string', format: 'uuid' },
  record: { type: 'object' },
  before: { type: 'object' },
  body: {},
});

export interface DryRunInput {
  recordId?: string;
  record?: Record<string, unknown>;
  before?: Record<string, unknown>;
  body?: unknown;
}

class DryRunRollback extends Error {
  constructor(readonly result: RunResult) {
    super('dry run');
  }
}

/**
 * Runs an automation on an existing record or on sample values, in a transaction that is always
 * rolled back: records it would create, notifications and e-mails it would send, webhooks it
 * would post are reported and none of them happens. `registry` is the one the automation is
 * read from (the applied one, or a draft's).
 */
export async function dryRunAutomation(
  deps: AutomationDeps,
  ctx: { db: Knex; registry: Registry; log: Logger; principal: Principal; now: Date },
  a: CompiledAutomation,
  input: DryRunInput,
): Promise<RunResult & { dryRun: true }> {
  const { registry, now, principal } = ctx;
  const entity = a.entity ? registry.entities.get(a.entity) : undefined;
  let record = input.record ?? null;
  if (input.recordId) {
    if (!entity) throw badRequest('body_invalid', 'This automation does not act on records', []);
    const row = await findRecordRow(systemContext(ctx.db, registry, ctx.log), entity, input.recordId);
    if (!row) throw notFound(`No ${entity.key} record "${input.recordId}"`);
    record = toApi(entity, row);
  }
  const event: AutomationEvent = {
    type: a.def.trigger.type,
    entity: a.entity,
    recordId: (record?.id as string | undefined) ?? undefined,
    companyId: (record?.company_id as string | undefined) ?? principal.companyId,
    record,
    before: input.before ?? null,
    body: input.body,
    actor: { id: principal.userId, name: principal.name },
    at: now.toISOString(),
  };
  const runDeps = registry === deps.registry.current ? deps : { ...deps, registry: new RegistryHolder(registry) };
  try {
    await ctx.db.transaction(async (trx) => {
      throw new DryRunRollback(await runAutomation(runDeps, trx, a, event, now, { fresh: false }));
    });
    throw new Error('unreachable');
  } catch (err) {
    if (!(err instanceof DryRunRollback)) {
      if (err instanceof OpsError) throw err;
      throw new OpsError(422, 'dry_run_failed', `The automation would fail: ${(err as Error).message}`);
    }
    return { dryRun: true, ...err.result };
  }
}
