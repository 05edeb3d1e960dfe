import type { SeedRecord } from './seed-types.ts';

/** Tags an operator's teams put on records across modules. */
// prettier-ignore
const TAGS: [name: string, color: string, description: string][] = [
  ['urgent', '#c62828', 'Needs action within 24 hours.'],
  ['hse-critical', '#d84315', 'Bears on health, safety or the environment: the HSE department reviews it.'],
  ['regulatory', '#6a1b9a', 'Required by a regulator or a production sharing contract (SNH, DGH, NUPRC, ANPG...).'],
  ['local-content', '#2e7d32', 'Counts towards local content obligations: local hiring, local suppliers, training.'],
  ['customs', '#0277bd', 'Goes through customs: import, temporary admission or re-export.'],
  ['shutdown', '#ef6c00', 'Linked to a planned shutdown or turnaround.'],
  ['simops', '#4527a0', 'Simultaneous operations on one installation: needs a SIMOPS plan.'],
  ['long-lead', '#5d4037', 'Long-lead item: order months ahead.'],
  ['critical-spare', '#f9a825', 'Spare part whose absence stops production.'],
  ['weather-dependent', '#0288d1', 'Depends on the sea state or flying weather.'],
  ['night-operations', '#283593', 'Work or flights at night.'],
  ['confidential', '#37474f', 'Restricted distribution.'],
  ['audit-finding', '#ad1457', 'Raised by an internal or external audit.'],
  ['lessons-learned', '#00897b', 'Worth sharing as a lesson learned.'],
  ['cost-overrun', '#b71c1c', 'Over budget: needs an approved variation.'],
  ['vip-visit', '#8e24aa', 'Visit of management, authorities or partners.'],
];

export function tagRecords(): SeedRecord[] {
  return TAGS.map(([name, color, description]) => ({
    external_id: `CORE-TAG-${name}`,
    name,
    color,
    description,
  }));
}
