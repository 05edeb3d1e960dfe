import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Divider,
  Skeleton,
  Snackbar,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiRecord, TransitionOption } from '../api/api-types.ts';
import { usePendingApprovals } from '../api/queries.ts';
import { ValueChip } from '../components/value-chip.tsx';
import type { EntityModel } from '../model/entity-model.ts';
import type { Formats } from '../model/format-value.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { ApprovalSteps } from './approval-steps.tsx';
import { obstacleText } from './obstacle-text.ts';
import { TransitionDialog } from './transition-dialog.tsx';
import { useWorkflow } from './use-workflow.ts';

interface WorkflowPanelProps {
  model: EntityModel;
  record: ApiRecord;
  formats: Formats;
  /** Unsaved edits: a transition would run on the saved record, so it waits. */
  dirty: boolean;
}

/** Where the record stands and what may happen next: the state, the transitions, the approvals. */
export function WorkflowPanel({ model, record, formats, dirty }: WorkflowPanelProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { transitions, approvals } = useWorkflow(model, record.id);
  const pending = usePendingApprovals();
  const [firing, setFiring] = useState<TransitionOption | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const info = transitions.data;
  const state = model.states?.find((s) => s.name === (info?.state ?? record.state));
  // Transitions from other states are noise here, and those an approval fires are decided below;
  // the rest show, refused ones with the reason.
  const available = (info?.transitions ?? []).filter(
    (tr) => !tr.obstacles.some((o) => o.code === 'state' || o.code === 'approval'),
  );
  const reason = (tr: TransitionOption) => tr.obstacles.map((o) => obstacleText(o, { t, model, language })).join(' · ');

  return (
    <Card variant="outlined" component="aside" aria-labelledby="workflow-title">
      <CardContent>
        <Typography id="workflow-title" component="h2" variant="h6" gutterBottom>
          {t('workflow.title')}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 2 }}>
          <Typography variant="body2" color="text.secondary">
            {t('workflow.state')}
          </Typography>
          <ValueChip label={info?.stateLabel ?? state?.label ?? String(record.state ?? '')} color={state?.color} />
        </Stack>
        {transitions.isPending && <Skeleton variant="rounded" height={40} />}
        {transitions.error && <Alert severity="error">{transitions.error.message}</Alert>}
        {info && (
          <Box role="group" aria-label={t('workflow.actions')}>
            {available.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                {info.final ? t('workflow.final') : t('workflow.noActions')}
              </Typography>
            ) : (
              <Stack spacing={1}>
                {available.map((tr) => {
                  const blocked = !tr.allowed || dirty;
                  const why = dirty ? t('record.unsavedBody') : reason(tr);
                  return (
                    <Box key={tr.name}>
                      <Tooltip title={blocked ? why : ''}>
                        {/* A disabled button fires no events: the span carries the tooltip. */}
                        <span>
                          <Button
                            fullWidth
                            variant={tr.allowed ? 'contained' : 'outlined'}
                            disabled={blocked}
                            onClick={() => setFiring(tr)}
                            aria-describedby={blocked ? `why-${tr.name}` : undefined}
                          >
                            {tr.label}
                          </Button>
                        </span>
                      </Tooltip>
                      {blocked && (
                        <Typography id={`why-${tr.name}`} variant="caption" color="text.secondary" component="p">
                          {why}
                        </Typography>
                      )}
                    </Box>
                  );
                })}
              </Stack>
            )}
          </Box>
        )}
        {(approvals.data?.length ?? 0) > 0 && (
          <>
            <Divider sx={{ my: 2 }} />
            <Typography component="h3" variant="subtitle1" gutterBottom>
              {t('workflow.approvals')}
            </Typography>
            <ApprovalSteps
              model={model}
              recordId={record.id}
              approvals={approvals.data!}
              pending={pending.data ?? []}
              formats={formats}
            />
          </>
        )}
      </CardContent>
      {firing && (
        <TransitionDialog
          model={model}
          record={record}
          transition={firing}
          onClose={(fired) => {
            if (fired) setDone(t('workflow.fired', { transition: firing.label }));
            setFiring(null);
          }}
        />
      )}
      <Snackbar open={!!done} autoHideDuration={4000} onClose={() => setDone(null)} message={done ?? ''} />
    </Card>
  );
}
