import { siteExternalId } from '../core/sites.ts';
import { ref, type SeedRecord } from '../core/seed-types.ts';
import { CAPACITIES, maxPob, requirementsOf, type CapacityRow, type Requirements } from './capacities.ts';
import { typeByCode } from './certificate-types.ts';
import type { SeedPerson } from './people.ts';
import { addDays, daysBetween, type Rng } from './random.ts';

/**
 * A month of stays around `today`, planned so that the bundle's own rules would have accepted
 * every step: a stay that was ever approved (approved, on site, completed) has a person with
 * verified certificates valid through its departure, no other approved stay of that person
 * over its nights, and a bed and a lifeboat seat on every night (the approved stays of a site
 * never exceed its maximum POB). Submitted, refused and cancelled-after-submission stays passed
 * the same checks when submitted. Drafts may fail them: they show what submitting would say.
 *
 * The seed format holds records only, and every record starts as a draft. `journey` lists, for
 * each stay, the transitions that take it to the state planned for it, in an order that keeps
 * every guard true (stays that were approved first, then the others).
 */
export type StayState = 'draft' | 'submitted' | 'approved' | 'on_site' | 'completed' | 'rejected' | 'cancelled';

export interface StayJourney {
  externalId: string;
  state: StayState;
  transitions: { name: string; comment?: string }[];
}

interface Planned {
  person: SeedPerson;
  site: CapacityRow;
  arrival: string;
  departure: string;
  state: StayState;
}

const COMMITTED = new Set<StayState>(['approved', 'on_site', 'completed']);

const JOURNEYS: Record<StayState, string[]> = {
  draft: [],
  submitted: ['submit'],
  approved: ['submit', 'approve'],
  on_site: ['submit', 'approve', 'check_in'],
  completed: ['submit', 'approve', 'check_in', 'check_out'],
  rejected: ['submit', 'refuse'],
  cancelled: ['submit', 'cancel'],
};

// prettier-ignore
const REFUSALS = [
  'Shutdown scope frozen: this work is not in the campaign. Re-plan with the maintenance planner.',
  'Duplicate of the request already approved for the same crew change.',
  'The site manager wants the vendor representative in the next rotation, not this one.',
];
// prettier-ignore
const CANCELLATIONS = [
  'Job postponed by the client.',
  'Replaced by a colleague from the same contractor.',
  'Medical leave.',
];

/** Whether the person holds, verified and valid from arrival through departure, what the site requires. */
export function qualifies(person: SeedPerson, needs: Requirements, arrival: string, departure: string): boolean {
  const has = (fits: (code: string) => boolean) =>
    person.certificates.some((c) => c.verified && fits(c.code) && c.issuedOn <= arrival && c.expiresOn >= departure);
  const category = (code: string) => typeByCode(code).category;
  return (
    (!needs.survival || has((c) => category(c) === 'offshore_survival')) &&
    (!needs.medical || has((c) => category(c) === 'offshore_medical')) &&
    (!needs.huet || has((c) => category(c) === 'huet' || !!typeByCode(c).includesHuet))
  );
}

export const nightsOf = (arrival: string, departure: string) =>
  Array.from({ length: daysBetween(arrival, departure) }, (_, i) => addDays(arrival, i));

class Planner {
  readonly stays: Planned[] = [];
  private readonly occupancy = new Map<string, Map<string, number>>();
  private readonly busy = new Map<string, [string, string][]>();

  constructor(
    private readonly rng: Rng,
    private readonly people: SeedPerson[],
  ) {}

  private free(person: SeedPerson, arrival: string, departure: string): boolean {
    return !(this.busy.get(person.externalId) ?? []).some(([a, d]) => a < departure && arrival < d);
  }

  private room(site: CapacityRow, arrival: string, departure: string, extra: number): boolean {
    const nights = this.occupancy.get(site.code) ?? new Map<string, number>();
    return nightsOf(arrival, departure).every((n) => (nights.get(n) ?? 0) + extra <= maxPob(site));
  }

  /** Whoever may go: for a stay that is or was submitted, the bundle's guards must hold. */
  place(site: CapacityRow, arrival: string, departure: string, state: StayState): boolean {
    const submitted = state !== 'draft';
    if (submitted && !this.room(site, arrival, departure, 1)) return false;
    // Drafts too go to people who could plausibly go: offshore staff offshore.
    const plausible = (p: SeedPerson) => p.offshore || !site.offshore;
    const candidates = this.people.filter(
      (p) =>
        plausible(p) &&
        (!submitted || (qualifies(p, requirementsOf(site), arrival, departure) && this.free(p, arrival, departure))),
    );
    if (!candidates.length) return false;
    const person = this.rng.pick(candidates);
    this.stays.push({ person, site, arrival, departure, state });
    if (COMMITTED.has(state)) {
      this.busy.set(person.externalId, [...(this.busy.get(person.externalId) ?? []), [arrival, departure]]);
      const nights = this.occupancy.get(site.code) ?? new Map<string, number>();
      for (const n of nightsOf(arrival, departure)) nights.set(n, (nights.get(n) ?? 0) + 1);
      this.occupancy.set(site.code, nights);
    }
    return true;
  }

  /** A draft that submitting would refuse: the person's certificates lapse before departure. */
  placeLapsingDraft(today: string): boolean {
    const site = CAPACITIES.find((c) => c.code === 'GA-OBA-PA')!;
    const arrival = addDays(today, 10);
    const departure = addDays(today, 38);
    const person = this.people.find(
      (p) =>
        p.certificates.length > 0 &&
        qualifies(p, requirementsOf(site), arrival, arrival) &&
        !qualifies(p, requirementsOf(site), arrival, departure),
    );
    if (!person) return false;
    this.stays.push({ person, site, arrival, departure, state: 'draft' });
    return true;
  }
}

const DURATIONS: (readonly [number, number])[] = [
  [7, 2],
  [14, 5],
  [21, 1],
  [28, 3],
];

function stateFor(rng: Rng, today: string, arrival: string, departure: string): StayState {
  if (departure <= today) return rng.chance(0.92) ? 'completed' : 'cancelled';
  if (arrival <= today) return 'on_site';
  if (daysBetween(today, arrival) <= 7)
    return rng.weighted([
      ['approved', 7],
      ['submitted', 2],
      ['cancelled', 1],
    ] as const);
  return rng.weighted([
    ['approved', 4],
    ['submitted', 3],
    ['draft', 2],
    ['rejected', 1],
    ['cancelled', 1],
  ] as const);
}

export function planStays(rng: Rng, people: SeedPerson[], today: string, count: number): Planned[] {
  const planner = new Planner(rng, people);
  const sites: (readonly [CapacityRow, number])[] = CAPACITIES.map((c) => [c, c.offshore ? 3 : 1]);
  // A crew on the small wellhead platform fills it on some nights: submitting one more shows the refusal.
  const whp = CAPACITIES.find((c) => c.code === 'CG-LOE-WHP1')!;
  for (let i = 0; i < maxPob(whp); i++) planner.place(whp, addDays(today, 4 + (i % 2)), addDays(today, 18), 'approved');
  const wanted = Array.from({ length: count * 3 }, () => {
    const site = rng.weighted(sites);
    const nights = site.offshore ? rng.weighted(DURATIONS) : rng.int(2, 7);
    const arrival = addDays(today, rng.int(-30, 30));
    const departure = addDays(arrival, nights);
    return { site, arrival, departure, state: stateFor(rng, today, arrival, departure) };
  });
  // Stays that were approved first, so that those only submitted were checked against them.
  for (const w of wanted.filter((x) => COMMITTED.has(x.state))) {
    if (planner.stays.length >= Math.round(count * 0.6)) break;
    planner.place(w.site, w.arrival, w.departure, w.state);
  }
  for (const w of wanted.filter((x) => !COMMITTED.has(x.state))) {
    if (planner.stays.length >= count - 1) break;
    if (!planner.place(w.site, w.arrival, w.departure, w.state)) planner.place(w.site, w.arrival, w.departure, 'draft');
  }
  planner.placeLapsingDraft(today);
  return planner.stays;
}

const REASONS = {
  offshore: [
    ['operations', 5],
    ['maintenance', 4],
    ['drilling', 2],
    ['inspection', 1],
    ['project', 1],
  ],
  onshore: [
    ['operations', 4],
    ['maintenance', 3],
    ['project', 2],
    ['visit', 1],
    ['training', 1],
  ],
} as const;

const COST_CODES: Record<string, number> = {
  operations: 4100,
  maintenance: 4200,
  drilling: 4300,
  inspection: 4400,
  project: 4500,
  visit: 4600,
  training: 4700,
};

export const stayId = (n: number) => `POB-STAY-${String(n).padStart(4, '0')}`;

export function stayRecords(rng: Rng, planned: Planned[]): { stay_request: SeedRecord[]; journeys: StayJourney[] } {
  const stays = planned.map((p, i) => ({ p, externalId: stayId(i + 1) }));
  const relievedAlready = new Set<unknown>();
  const records = stays.map(({ p, externalId }) => {
    const nights = daysBetween(p.arrival, p.departure);
    const reason = rng.weighted(p.site.offshore ? REASONS.offshore : REASONS.onshore);
    const relieved = COMMITTED.has(p.state)
      ? stays.find(
          (o) =>
            o.p.site === p.site &&
            o.p.departure === p.arrival &&
            o.p.person !== p.person &&
            COMMITTED.has(o.p.state) &&
            !relievedAlready.has(o),
        )
      : undefined;
    if (relieved) relievedAlready.add(relieved);
    return {
      external_id: externalId,
      person: ref(p.person.externalId),
      site: ref(siteExternalId(p.site.code)),
      arrival: p.arrival,
      departure: p.departure,
      reason,
      cost_centre: `CC-${p.site.code.slice(0, 2)}-${COST_CODES[reason]}`,
      rotation: ({ 7: '7-7', 14: '14-14', 21: '21-21', 28: '28-28' } as Record<number, string>)[nights] ?? 'ad-hoc',
      shift: rng.weighted([
        ['day', 6],
        ['night', 3],
        ['day-night', 1],
      ] as const),
      ...(relieved && { replaces: ref(relieved.p.person.externalId) }),
    };
  });
  const journeys = stays
    .map(({ p, externalId }) => ({
      externalId,
      state: p.state,
      transitions: JOURNEYS[p.state].map((name) =>
        name === 'refuse'
          ? { name, comment: rng.pick(REFUSALS) }
          : name === 'cancel'
            ? { name, comment: rng.pick(CANCELLATIONS) }
            : { name },
      ),
    }))
    .sort((a, b) => Number(!COMMITTED.has(a.state)) - Number(!COMMITTED.has(b.state)));
  return { stay_request: records, journeys };
}
