import type { AuditActor, AuditEvent } from '../audit/audit-entry.ts';
import { planBundle } from '../bundles/bundle-service.ts';
import type { Bundle } from '../bundles/bundle-types.ts';
import { isOpsError, OpsError } from '../errors.ts';
import { applyPlan } from '../schema/apply-plan.ts';
import type { Plan } from '../schema/plan-types.ts';
import type { BundleAdminDeps } from './admin-deps.ts';
import { announceMetaChanged } from './meta-changed.ts';

/** A destructive plan needs the bundle's name typed back: 409 `confirmation_required` otherwise. */
export function requireConfirmation(plan: Plan, confirm: unknown): void {
  const destructive = plan.steps.filter((s) => s.destructive);
  if (!destructive.length || confirm === plan.bundle) return;
  throw new OpsError(
    409,
    'confirmation_required',
    `${destructive.length} step(s) of this change lose data or may fail on existing rows: send "confirm": "${plan.bundle}" to go on`,
    destructive.map((s) => ({
      path: s.column ? `${s.table}.${s.column}` : s.table,
      code: s.action,
      message: `${s.description}${s.rowsAffected !== undefined ? ` (${s.rowsAffected} row(s))` : ''}`,
    })),
  );
}

/**
 * Plans `bundle`, checks the confirmation, applies it (with `event` in the same transaction
 * as the new version), then reloads the registry and tells the clients.
 */
export async function applyConfirmed(
  deps: BundleAdminDeps,
  bundle: Bundle,
  opts: { confirm?: unknown; actor: AuditActor; operation?: string; event: AuditEvent },
): Promise<Plan> {
  const plan = await planBundle(deps.db, bundle);
  requireConfirmation(plan, opts.confirm);
  try {
    await applyPlan(deps.db, bundle, plan, {
      allowDestructive: true,
      appliedBy: opts.actor.id,
      actor: opts.actor,
      ...(opts.operation && { operation: opts.operation }),
      audit: [opts.event],
    });
  } catch (e) {
    if (isOpsError(e)) throw e;
    // The transaction rolled back: the database is as it was.
    throw new OpsError(422, 'apply_failed', `The database refused the change: ${(e as Error).message}`);
  }
  await deps.reload();
  announceMetaChanged(deps.live, bundle.manifest.name, bundle.manifest.version);
  return plan;
}
