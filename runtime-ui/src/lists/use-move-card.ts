import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';
import type { ApiRecord, DataResponse, Obstacle, TransitionOption, TransitionsInfo } from '../api/api-types.ts';
import { keys, recordPath } from '../api/queries.ts';
import type { EntityModel } from '../model/entity-model.ts';

export type MoveOutcome =
  | { kind: 'moved' }
  /** The transition asks for a comment or fields: the dialog takes over. */
  | { kind: 'ask'; transition: TransitionOption }
  /** Nothing leads there for this user now; the reasons, when the engine gave some. */
  | { kind: 'refused'; reasons: Obstacle[] };

/**
 * Moving a card to another lane: on a board by state, the transition that leads there (the
 * engine says which the user may fire, and why not); on a board by an enum, a change of the field.
 */
export function useMoveCard(model: EntityModel, groupBy: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ record, to }: { record: ApiRecord; to: string }): Promise<MoveOutcome> => {
      const path = recordPath(model.bundle, model.name, record.id);
      if (groupBy !== 'state') {
        await api.patch(path, { [groupBy]: to, version: record.version });
        return { kind: 'moved' };
      }
      const info = (await api.get<DataResponse<TransitionsInfo>>(`${path}/transitions`)).data;
      const leading = info.transitions.filter((t) => t.to === to && !t.obstacles.some((o) => o.code === 'state'));
      const allowed = leading.find((t) => t.allowed);
      if (!allowed) return { kind: 'refused', reasons: leading.flatMap((t) => t.obstacles) };
      if (allowed.commentRequired || allowed.requiredFields.length) return { kind: 'ask', transition: allowed };
      await api.post(`${path}/transitions/${encodeURIComponent(allowed.name)}`, { version: record.version });
      return { kind: 'moved' };
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: keys.records(model.bundle, model.name) });
      void qc.invalidateQueries({ queryKey: keys.pending });
    },
  });
}
