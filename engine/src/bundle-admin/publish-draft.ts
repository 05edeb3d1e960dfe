import type { Knex } from 'knex';
import { requireConfirmation } from './apply-confirmed.ts';
import { appendAudit, type AuditActor } from '../audit/audit-entry.ts';
import { planBundle } from '../bundles/bundle-service.ts';
import type { Logger } from '../logger.ts';
import { isOpsError, notFound, OpsError } from '../errors.ts';
import { applyPlan } from '../schema/apply-plan.ts';
import type { Plan } from '../schema/plan-types.ts';
import { invalidDraft, validateDraftFiles } from './draft-check.ts';
import { lockHead, readDraft, removeDraft } from './draft-store.ts';

export interface PublishResult {
  version: string;
  plan: Plan;
}

/**
 * Publishes the draft of `bundle`: validates it, plans it against the applied version and
 * applies the plan (one transaction, see applyPlan), then removes the draft. The draft row stays
 * locked throughout, so no edit slips in between the check of `revision` and the removal.
 * Destructive steps need `confirm` to be the bundle's name.
 */
export async function publishDraft(
  db: Knex,
  input: { bundle: string; revision: number; confirm?: string; actor: AuditActor; now: Date; log: Logger },
): Promise<PublishResult> {
  const { bundle: name, actor, now } = input;
  return db.transaction(async (trx) => {
    const head = await lockHead(trx, name);
    if (!head) throw notFound(`The bundle "${name}" has no draft to publish`);
    if (input.revision !== head.revision) {
      throw new OpsError(
        409,
        'draft_conflict',
        `The draft is at revision ${head.revision}, not ${input.revision}: reload it and check the changes before publishing`,
        [],
        {
          details: {
            revision: head.revision,
            updatedBy: head.updatedBy,
            updatedByName: head.updatedByName,
            updatedAt: head.updatedAt,
            file: null,
          },
        },
      );
    }
    const draft = (await readDraft(trx, name))!;
    const checked = await validateDraftFiles(db, name, draft.files);
    if (!checked.ok) throw invalidDraft(checked.issues);
    const bundle = checked.publish;
    const plan = await planBundle(db, bundle, checked.installed);
    requireConfirmation(plan, input.confirm);
    try {
      // A plan that changes nothing (the draft is the applied bundle) applies nothing.
      await applyPlan(db, bundle, plan, { allowDestructive: true, appliedBy: actor.id });
    } catch (e) {
      if (isOpsError(e)) throw e;
      input.log.warn({ err: e, bundle: name }, 'publish failed');
      throw new OpsError(422, 'publish_failed', `The database refused the change: ${(e as Error).message}`);
    }
    await removeDraft(trx, name, head.revision, 'publish', actor.id, now);
    await appendAudit(trx, actor, now, [
      {
        action: 'designer.publish',
        entity: name,
        changes: { revision: head.revision, version: [plan.fromVersion, plan.toVersion] },
        reason: `${plan.steps.length} schema step(s)${plan.noop ? ', nothing changed' : ''}`,
      },
    ]);
    return { version: plan.toVersion, plan };
  });
}
