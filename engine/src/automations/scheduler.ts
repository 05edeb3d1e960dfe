import { Cron } from 'croner';
import type { Knex } from 'knex';
import { toApi } from '../data/record-mapper.ts';
import { enqueue, type NewJob } from '../jobs/outbox.ts';
import type { Logger } from '../logger.ts';
import type { Registry } from '../registry/registry-types.ts';
import { runJob, type AutomationEvent } from './automation-events.ts';
import type { CompiledAutomation } from './compile-automations.ts';

/*
 * Time-driven automations. A tick job runs every minute (each tick plans the next, keyed by its
 * minute so several processes plan it once); it starts the schedules whose cron time passed
 * since the last tick, and the date triggers whose day has come. After a downtime a schedule
 * runs once, not once per missed time; a date trigger still fires for days up to a week late.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const LATE_DAYS = 7;
/**
 * Finished jobs hold the keys that make a date trigger fire once: they are kept well beyond the
 * days a late date still fires, or a date would fire again once its key is gone.
 */
const DONE_JOBS_KEPT_DAYS = 2 * LATE_DAYS;

/** Plans the next tick (and the first one, when an engine starts). */
export function tickJob(now: Date): NewJob {
  const at = new Date((Math.floor(now.getTime() / MINUTE) + 1) * MINUTE);
  return { topic: 'automation.tick', payload: { at: at.toISOString() }, runAt: at, key: `tick:${at.toISOString()}` };
}

/** Whether `tz` is a time zone this runtime knows. */
export function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The latest time `cron` names in (since, now], if any. */
export function lastCronTime(cron: string, timezone: string | undefined, since: Date, now: Date): Date | undefined {
  const job = new Cron(cron, { timezone: timezone ?? 'UTC', paused: true });
  let last: Date | undefined;
  let next = job.nextRun(since);
  for (let i = 0; next && next <= now && i < 100_000; i++) {
    last = next;
    next = job.nextRun(next);
  }
  return last;
}

/** `YYYY-MM-DD` and `HH:MM` of `at` in `timeZone`. */
function localDayAndTime(at: Date, timeZone: string): { day: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

const shiftDay = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

function planSchedule(a: CompiledAutomation, since: Date, now: Date, jobs: NewJob[]): void {
  const trigger = a.def.trigger as { cron: string; timezone?: string };
  const due = lastCronTime(trigger.cron, trigger.timezone, since, now);
  if (!due) return;
  const event: AutomationEvent = { type: 'schedule', at: due.toISOString() };
  jobs.push(runJob(a, event, now, { key: `schedule:${a.key}:${due.toISOString()}` }));
}

async function planDates(trx: Knex.Transaction, registry: Registry, a: CompiledAutomation, now: Date, jobs: NewJob[]) {
  const trigger = a.def.trigger as { field: string; offsetDays: number; at?: string; timezone?: string };
  const entity = a.entity && registry.entities.get(a.entity);
  if (!entity) return;
  const local = localDayAndTime(now, trigger.timezone ?? 'UTC');
  // Before the hour of the day, today's dates are not due yet.
  const today = local.time >= (trigger.at ?? '08:00') ? local.day : shiftDay(local.day, -1);
  const latest = shiftDay(today, -trigger.offsetDays);
  const earliest = shiftDay(latest, -LATE_DAYS);
  const column = entity.fields.get(trigger.field)?.column ?? trigger.field;
  const rows = await trx(entity.table)
    .whereNull('deleted_at')
    .whereRaw('??::date between ?::date and ?::date', [column, earliest, latest])
    .orderBy('id')
    .limit(1000)
    .select(entity.columns);
  for (const row of rows) {
    const record = toApi(entity, row);
    const value = String(record[trigger.field]).slice(0, 10);
    const event: AutomationEvent = {
      type: 'date',
      entity: entity.key,
      recordId: record.id as string,
      companyId: (record.company_id as string | null | undefined) ?? null,
      record,
      at: now.toISOString(),
    };
    jobs.push(runJob(a, event, now, { key: `date:${a.key}:${record.id as string}:${value}` }));
  }
}

/** The tick: plans the time-driven runs due since the last tick, then the next tick. */
export async function planDueAutomations(trx: Knex.Transaction, registry: Registry, now: Date, log: Logger) {
  const state = await trx('sys_automation_state').where({ key: 'scheduler' }).forUpdate().first();
  const since = state ? new Date((state.value as { at: string }).at) : new Date(now.getTime() - MINUTE);
  const jobs: NewJob[] = [];
  for (const a of registry.automations.timed) {
    try {
      // A savepoint each: a failed query leaves the tick's transaction usable.
      if (a.def.trigger.type === 'schedule') await planSchedule(a, since, now, jobs);
      else await trx.transaction((sp) => planDates(sp, registry, a, now, jobs));
    } catch (err) {
      // One broken automation does not stop the others' schedules.
      log.error({ err, automation: a.key }, 'scheduling an automation failed');
    }
  }
  jobs.push(tickJob(now));
  await enqueue(trx, now, jobs);
  await trx('sys_automation_state')
    .insert({ key: 'scheduler', value: JSON.stringify({ at: now.toISOString() }) })
    .onConflict('key')
    .merge();
  await trx('sys_outbox')
    .where({ status: 'done' })
    .where('finished_at', '<', new Date(now.getTime() - DONE_JOBS_KEPT_DAYS * DAY))
    .delete();
}
