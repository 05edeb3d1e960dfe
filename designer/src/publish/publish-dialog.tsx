import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  Stack,
  Typography,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import type { PlanResult } from '../api/designer-types.ts';
import { dkeys, useDesignerApi } from '../api/queries.ts';
import { ConfirmNameField } from '../components/confirm-name-field.tsx';
import { errorMessage } from '../components/error-message.ts';
import { IssueList } from '../components/issue-list.tsx';
import { planIsDestructive, PlanProblems, PlanSteps } from '../components/plan-steps.tsx';
import type { DraftIssue } from '../editor-types.ts';
import { useDesignerT } from '../i18n/i18n.ts';
import type { DraftSession } from '../workspace/use-draft-session.ts';

interface PublishDialogProps {
  name: string;
  session: DraftSession;
  onOpenIssue: (issue: DraftIssue) => void;
  onClose: () => void;
  onPublished: () => Promise<void>;
}

/**
 * Publish: save what is left, validate, show the plan in words (destructive steps in red, the
 * bundle's name typed to accept them), apply, and say which version is now live.
 */
export function PublishDialog({ name, session, onOpenIssue, onClose, onPublished }: PublishDialogProps) {
  const t = useDesignerT();
  const d = useDesignerApi();
  const qc = useQueryClient();
  const titleId = useId();
  const [typed, setTyped] = useState('');

  const prepare = useMutation({
    mutationFn: async (): Promise<PlanResult> => {
      if (!(await session.flush())) throw new Error(t('publish.notSaved'));
      const validation = await d.validate(name);
      if (!validation.ok || validation.issues.length) return { ok: false, issues: validation.issues, plan: null };
      return d.plan(name);
    },
  });
  const { mutate: start } = prepare;
  useEffect(() => start(), [start]);

  const result = prepare.data;
  const destructive = planIsDestructive(result?.plan);
  const publish = useMutation({
    mutationFn: () => d.publish(name, session.revision, destructive ? typed : undefined),
    // The installed bundles' entities changed too (the editors read them, e.g. an extension's target).
    onSuccess: () =>
      Promise.all([qc.invalidateQueries({ queryKey: dkeys.bundles }), qc.invalidateQueries({ queryKey: ['meta'] })]),
  });
  const done = publish.isSuccess;
  const finish = () => {
    if (done) void onPublished();
    onClose();
  };
  const canPublish =
    !!result?.ok &&
    !result.issues.length &&
    !result.problems?.length &&
    !!result.plan &&
    (!destructive || typed === name);

  return (
    <Dialog open onClose={finish} aria-labelledby={titleId} maxWidth="md" fullWidth>
      <DialogTitle id={titleId}>{t('publish.title', { name })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} aria-live="polite">
          {prepare.isPending && (
            <>
              <Typography>{t('publish.checking')}</Typography>
              <LinearProgress aria-label={t('publish.checking')} />
            </>
          )}
          {prepare.isError && <Alert severity="error">{errorMessage(prepare.error, t)}</Alert>}
          {result && result.issues.length > 0 && (
            <>
              <Alert severity="error">{t('publish.issues', { count: result.issues.length })}</Alert>
              <IssueList issues={result.issues} onOpen={onOpenIssue} />
            </>
          )}
          {done ? (
            <Alert severity="success" role="status">
              {t('publish.done', { name, version: publish.data.version })}
            </Alert>
          ) : (
            result?.plan && (
              <>
                <PlanSteps plan={result.plan} />
                <PlanProblems problems={result.problems} />
                {destructive && <ConfirmNameField name={name} value={typed} onChange={setTyped} />}
              </>
            )
          )}
          {publish.isError && <Alert severity="error">{errorMessage(publish.error, t)}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={finish}>{done ? t('common.close') : t('common.cancel')}</Button>
        {!done && (
          <Button
            variant="contained"
            color={destructive ? 'error' : 'primary'}
            disabled={!canPublish || publish.isPending}
            onClick={() => publish.mutate()}
          >
            {publish.isPending ? t('publish.publishing') : t('publish.submit')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
