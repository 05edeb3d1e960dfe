import { LANGUAGES, pickText, type AutomationAction, type Language, type Recipients } from '@opsflux/definitions';
import type { Knex } from 'knex';
import { queueMail } from '../mail/mail-queue.ts';
import { notify, type NotificationAction } from '../notify/notify.ts';
import type { ActionHandler, ActionScope } from './actions.ts';
import { resolveRecipients } from './recipients.ts';
import { renderText } from './render-text.ts';

/** Roles named without their bundle are the automation's bundle's. */
const qualifyRoles = (scope: ActionScope, to: Recipients): Recipients =>
  to.roles ? { ...to, roles: to.roles.map((r) => (r.includes('.') ? r : `${scope.automation.bundle}.${r}`)) } : to;

/** Recipients grouped by their language, so each reads the notification in theirs. */
async function byLanguage(db: Knex | Knex.Transaction, userIds: string[]): Promise<Map<Language, string[]>> {
  const rows = (await db('sys_users').whereIn('id', userIds).select('id', 'locale')) as {
    id: string;
    locale: string;
  }[];
  const out = new Map<Language, string[]>();
  for (const r of rows) {
    const lang = (LANGUAGES as readonly string[]).includes(r.locale?.slice(0, 2))
      ? (r.locale.slice(0, 2) as Language)
      : 'en';
    out.set(lang, [...(out.get(lang) ?? []), r.id]);
  }
  return out;
}

/** Where a notification about a record leads in the apps. */
export const recordLink = (entity: string, id: string) => `/data/${entity.replace('.', '/')}/${id}`;

/** Approve / Reject buttons for the step an approval event is about: the call the app makes. */
function decisionButtons(scope: ActionScope): NotificationAction[] {
  const { event } = scope;
  if (!event.approval?.stepId || !event.entity || !event.recordId) return [];
  const url = `/api/v1/data/${event.entity.replace('.', '/')}/${event.recordId}/approvals/decide`;
  return [
    {
      id: 'approve',
      label: 'Approve',
      method: 'POST',
      url,
      body: { step: event.approval.stepId, decision: 'approved' },
    },
    { id: 'reject', label: 'Reject', method: 'POST', url, body: { step: event.approval.stepId, decision: 'rejected' } },
  ];
}

/** One event notifies each recipient once per run, however often its job is delivered. */
const eventKey = (scope: ActionScope, i: number) =>
  [
    scope.automation.key,
    scope.event.type,
    scope.event.recordId ?? '',
    scope.event.approval?.stepId ?? '',
    scope.event.at,
    scope.occurrence ?? 0,
    i,
  ].join('|');

export const MESSAGE_ACTIONS: Record<string, ActionHandler> = {
  async notify(action: Extract<AutomationAction, { type: 'notify' }>, scope) {
    const { userIds } = await resolveRecipients(scope.trx, scope.registry, qualifyRoles(scope, action.to), scope.event);
    let sent = 0;
    for (const [lang, users] of await byLanguage(scope.trx, userIds)) {
      const title = renderText(pickText(action.title, lang), scope.data).slice(0, 200);
      const message = action.message ? renderText(pickText(action.message, lang), scope.data) : title;
      const link = action.link
        ? renderText(action.link, scope.data)
        : scope.event.entity && scope.event.recordId
          ? recordLink(scope.event.entity, scope.event.recordId)
          : undefined;
      const ids = await notify(scope.trx, scope.now, {
        userIds: users,
        title,
        message: message.slice(0, 4000),
        category: `${scope.automation.bundle}.${action.category ?? 'automation'}`,
        priority: action.priority ?? 1,
        ...(link && { link }),
        actions: action.decisionButtons ? decisionButtons(scope) : [],
        source: {
          ...(scope.event.entity && { entity: scope.event.entity }),
          ...(scope.event.recordId && { recordId: scope.event.recordId }),
          automation: scope.automation.key,
        },
        key: eventKey(scope, scope.actionIndex ?? 0),
      });
      sent += ids.length;
    }
    return { type: 'notify', recipients: userIds.length, notifications: sent };
  },

  async email(action: Extract<AutomationAction, { type: 'email' }>, scope) {
    const { userIds, emails } = await resolveRecipients(
      scope.trx,
      scope.registry,
      qualifyRoles(scope, action.to),
      scope.event,
    );
    const template = action.template.includes('.') ? action.template : `${scope.automation.bundle}.${action.template}`;
    const common = { template, data: scope.data, ...(action.category && { category: action.category }) };
    const ids: string[] = [];
    for (const userId of userIds)
      ids.push(await queueMail(scope.trx, scope.now, scope.registry, { ...common, to: { userId } }));
    for (const address of emails)
      ids.push(await queueMail(scope.trx, scope.now, scope.registry, { ...common, to: address }));
    return { type: 'email', template, mails: ids.length };
  },
};
