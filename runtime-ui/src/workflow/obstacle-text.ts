import type { TFunction } from 'i18next';
import type { Obstacle } from '../api/api-types.ts';
import type { EntityModel } from '../model/entity-model.ts';

/** What an obstacle's words are drawn from: the UI's words, the entity's labels, the language. */
export interface ObstacleWords {
  t: TFunction;
  model: Pick<EntityModel, 'states' | 'field'>;
  language: string;
}

type Say = (params: Record<string, unknown>, w: ObstacleWords) => string | null;

const strings = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
const either = (items: string[], language: string) =>
  new Intl.ListFormat(language, { type: 'disjunction' }).format(items);
const stateLabel = (name: string, w: ObstacleWords) => w.model.states?.find((s) => s.name === name)?.label ?? name;

/** How each code the engine sends is said; null: the params are not what is expected. */
const SAY: Record<string, Say> = {
  state: (p, w) => {
    const from = strings(p.from);
    if (typeof p.state !== 'string' || !from) return null;
    return w.t('workflow.obstacle.state', {
      state: stateLabel(p.state, w),
      from: either(
        from.map((s) => stateLabel(s, w)),
        w.language,
      ),
    });
  },
  permission: (_p, w) => w.t('workflow.obstacle.permission'),
  role: (p, w) => {
    const roles = strings(p.roleLabels) ?? strings(p.roles);
    if (!roles) return null;
    const who = [
      ...(roles.length ? [w.t('workflow.obstacle.roleAmong', { roles: either(roles, w.language) })] : []),
      ...(p.owner === true ? [w.t('workflow.obstacle.roleOwner')] : []),
      ...(typeof p.userField === 'string'
        ? [w.t('workflow.obstacle.roleUser', { field: w.model.field(p.userField)?.label ?? p.userField })]
        : []),
    ];
    return who.length ? w.t('workflow.obstacle.role', { who: either(who, w.language) }) : null;
  },
  approval: (p, w) =>
    typeof p.approval === 'string' ? w.t('workflow.obstacle.approval', { approval: p.approval }) : null,
  // A guard's message is the definition's own, already in the reader's language; only the
  // engine's default one is said here.
  guard: (p, w) => (p.fromDefinition === false ? w.t('workflow.obstacle.guard') : null),
};

/**
 * Why a transition is refused, in the reader's language: worded from the obstacle's code and
 * params; the engine's message when the code is unknown, or the params missing (an older engine).
 */
export function obstacleText(o: Obstacle, w: ObstacleWords): string {
  const say = SAY[o.code];
  return (say && o.params && say(o.params, w)) || o.message;
}
