import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  LinearProgress,
  Stack,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { BundleVersion } from '../api/designer-types.ts';
import { dkeys, useDesignerApi } from '../api/queries.ts';
import { ConfirmNameField } from '../components/confirm-name-field.tsx';
import { errorMessage } from '../components/error-message.ts';
import { IssueList } from '../components/issue-list.tsx';
import { planIsDestructive, PlanProblems, PlanSteps } from '../components/plan-steps.tsx';
import { useDesignerT } from '../i18n/i18n.ts';

/** Roll back to a version: the plan that gets there, the name typed when it destroys, then apply. */
export function RollbackDialog({
  name,
  version,
  onClose,
}: {
  name: string;
  version: BundleVersion;
  onClose: () => void;
}) {
  const t = useDesignerT();
  const d = useDesignerApi();
  const qc = useQueryClient();
  const titleId = useId();
  const [typed, setTyped] = useState('');
  const id = String(version.id);
  const plan = useQuery({
    queryKey: ['admin', 'bundles', name, 'rollback-plan', id],
    queryFn: () => d.rollbackPlan(name, id),
    staleTime: 0,
    gcTime: 0,
  });
  const destructive = planIsDestructive(plan.data?.plan);
  const rollback = useMutation({
    mutationFn: () => d.rollback(name, id, destructive ? typed : undefined),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: dkeys.versions(name) });
      await qc.invalidateQueries({ queryKey: dkeys.bundles });
    },
  });
  const issues = plan.data?.issues ?? [];
  const ready =
    !!plan.data?.plan && issues.length === 0 && !plan.data.problems?.length && (!destructive || typed === name);

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="md" fullWidth>
      <DialogTitle id={titleId}>{t('rollback.title', { name, version: version.version })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} aria-live="polite">
          <DialogContentText>{t('rollback.intro')}</DialogContentText>
          {plan.isPending && <LinearProgress aria-label={t('publish.checking')} />}
          {plan.isError && <Alert severity="error">{errorMessage(plan.error, t)}</Alert>}
          {issues.length > 0 && <IssueList issues={issues} />}
          {rollback.isSuccess ? (
            <Alert severity="success" role="status">
              {t('rollback.done', { name, version: rollback.data.version })}
            </Alert>
          ) : (
            plan.data?.plan && (
              <>
                <PlanSteps plan={plan.data.plan} />
                <PlanProblems problems={plan.data.problems} />
                {destructive && <ConfirmNameField name={name} value={typed} onChange={setTyped} />}
              </>
            )
          )}
          {rollback.isError && <Alert severity="error">{errorMessage(rollback.error, t)}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{rollback.isSuccess ? t('common.close') : t('common.cancel')}</Button>
        {!rollback.isSuccess && (
          <Button
            variant="contained"
            color={destructive ? 'error' : 'primary'}
            disabled={!ready || rollback.isPending}
            onClick={() => rollback.mutate()}
          >
            {t('rollback.submit')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
