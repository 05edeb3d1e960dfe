/**
 * Demo data for the `mocvue` bundle: twenty changes at sites of the core seed, in every state
 * of the workflow, with their linked documents and actions. Dates are relative to `today` (the
 * current UTC day by default), so that a temporary change past its end date and actions falling
 * due are always on show. Deterministic: the same day gives the same records.
 *
 * The seed format creates records only, in the initial state; `journeys` lists the transitions
 * that bring each change to its state (what engine/test/bundle-mocvue-smoke.test.ts fires).
 */
import { siteExternalId } from '../core/sites.ts';
import { ref, type SeedRecord } from '../core/seed-types.ts';
import { addDays, todayUtc } from '../pobvue/random.ts';
import { CHANGES, type ChangeRow, type MocState } from './changes.ts';

export type { MocState } from './changes.ts';

export interface MocJourney {
  externalId: string;
  state: MocState;
  transitions: { name: string; comment?: string }[];
}

export interface MocvueSeed {
  change_request: SeedRecord[];
  moc_document: SeedRecord[];
  moc_action: SeedRecord[];
}

const UP_TO_BOARD = ['submit', 'send_to_validation', 'to_board'];
const UP_TO_APPROVED = [...UP_TO_BOARD, 'approve'];
const PATHS: Record<MocState, string[]> = {
  draft: [],
  evaluation: ['submit'],
  validation: ['submit', 'send_to_validation'],
  board_review: UP_TO_BOARD,
  approved: UP_TO_APPROVED,
  implementing: [...UP_TO_APPROVED, 'start_implementation'],
  pssr: [...UP_TO_APPROVED, 'start_implementation', 'request_pssr'],
  post_review: [...UP_TO_APPROVED, 'start_implementation', 'request_pssr', 'start_up'],
  closed: [...UP_TO_APPROVED, 'start_implementation', 'request_pssr', 'start_up', 'close'],
  refused_validation: ['submit', 'send_to_validation', 'refuse_validation'],
  refused_board: [...UP_TO_BOARD, 'refuse_board'],
  withdrawn: ['submit', 'withdraw'],
  recorded_in_kind: ['record_in_kind'],
};

const COMMENTS: Record<string, string> = {
  refuse_validation: 'Safety: the discharge permit caps the temperature at 40 °C; size the coolers instead.',
  refuse_board: 'The board keeps the night crew: the emergency response study does not support one operator fewer.',
  withdraw: 'The warehouse project is postponed to next year.',
  record_in_kind: 'Same make, model and certificate: replacement in kind, recorded.',
  expedite: 'Authorised as urgent by the board chair: production shut in; full review after implementation.',
};

/** The path of a change, urgent ones authorised by the board chair instead of the board. */
function pathOf(c: ChangeRow): string[] {
  const path = PATHS[c.state];
  if (c.type !== 'urgent' || !path.includes('approve')) return path;
  return ['submit', 'expedite', ...path.slice(path.indexOf('approve') + 1)];
}

const reached = (c: ChangeRow, transition: string) => pathOf(c).includes(transition);

export const changeId = (n: number) => `MOC-CHG-${String(n).padStart(3, '0')}`;

export function generateMocvue(opts: { today?: string } = {}): { seed: MocvueSeed; journeys: MocJourney[] } {
  const today = opts.today ?? todayUtc();
  const at = (offset: number) => addDays(today, offset);
  const change_request: SeedRecord[] = [];
  const moc_document: SeedRecord[] = [];
  const moc_action: SeedRecord[] = [];
  const journeys: MocJourney[] = [];
  CHANGES.forEach((c, i) => {
    const id = changeId(i + 1);
    const evaluated = reached(c, 'send_to_validation') || reached(c, 'expedite') || reached(c, 'record_in_kind');
    const implemented = reached(c, 'request_pssr');
    const training = c.training !== false;
    change_request.push({
      external_id: id,
      title: c.title,
      change_type: c.type,
      site: ref(siteExternalId(c.site)),
      unit_area: c.unit,
      description: `${c.title}. ${c.why}`,
      justification: c.why,
      ...(c.basis && { technical_basis: c.basis }),
      ...(c.hazards && { safety_health_impact: c.hazards }),
      ...(c.procedures && { procedure_changes: c.procedures }),
      start_date: at(c.start),
      ...(c.end !== undefined && { end_date: at(c.end) }),
      ...(evaluated && { risk_level: c.risk }),
      ...(c.cost && { cost_impact: c.cost[0], currency: ref(`CORE-CUR-${c.cost[1]}`) }),
      ...(c.scheduleDays !== undefined && { schedule_impact_days: c.scheduleDays }),
      ...(c.type === 'urgent' && { urgency_reason: c.why }),
      ...(evaluated && { rollback_plan: 'Return to the original configuration from the as-built records.' }),
      training_required: training,
      ...(implemented && training && { training_done_on: at(Math.min(c.start + 5, -1)) }),
      ...(implemented && { implemented_on: at(Math.min(c.start + 7, 0)) }),
      ...(reached(c, 'start_up') && { pssr_notes: 'Walk-down done; punch list items category B only.' }),
      ...(reached(c, 'close') && {
        benefits_verified: 'Expected benefit confirmed over the first month of operation.',
        lessons_learned: 'Involve the vendor earlier in the HAZOP; order long-lead spares at approval.',
      }),
    });
    (c.documents ?? []).forEach(([kind, title, reference], j) =>
      moc_document.push({
        external_id: `${id}-DOC-${j + 1}`,
        change_request: ref(id),
        title,
        kind,
        reference,
        revision: 'B',
      }),
    );
    if (reached(c, 'start_implementation')) {
      moc_action.push({
        external_id: `${id}-ACT-1`,
        change_request: ref(id),
        title: `Update the drawings and procedures for ${c.unit}`,
        kind: 'documentation',
        due_on: at(c.start + 20),
        status: implemented ? 'done' : 'open',
        ...(implemented && { done_on: at(Math.min(c.start + 6, 0)) }),
      });
      if (training)
        moc_action.push({
          external_id: `${id}-ACT-2`,
          change_request: ref(id),
          title: `Train the crew on the change to ${c.unit}`,
          kind: 'training',
          due_on: at(c.start + 5),
          status: implemented ? 'done' : 'open',
          ...(implemented && { done_on: at(Math.min(c.start + 5, -1)) }),
        });
    }
    journeys.push({
      externalId: id,
      state: c.state,
      transitions: pathOf(c).map((name) => ({ name, ...(COMMENTS[name] && { comment: COMMENTS[name] }) })),
    });
  });
  return { seed: { change_request, moc_document, moc_action }, journeys };
}

export function generateMocvueSeed(opts: { today?: string } = {}): MocvueSeed {
  return generateMocvue(opts).seed;
}
