import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Approval, ApprovalStep, PendingApproval } from '../api/api-types.ts';
import { ValueChip } from '../components/value-chip.tsx';
import { useDefText } from '../i18n/definition-text.ts';
import type { EntityModel } from '../model/entity-model.ts';
import { formatValue, type Formats } from '../model/format-value.ts';
import { useDecide } from './use-workflow.ts';

/** Dark enough for white text at 4.5:1 (WCAG AA); other statuses get a neutral outline. */
const STATUS_COLORS: Record<string, string> = {
  pending: '#b45309',
  approved: '#2e7d32',
  rejected: '#c62828',
  open: '#0b5394',
};

interface ApprovalStepsProps {
  model: EntityModel;
  recordId: string;
  approvals: Approval[];
  /** Steps awaiting the caller (or someone who delegated to them), anywhere. */
  pending: PendingApproval[];
  formats: Formats;
}

/** Each approval of the record: its steps, who decided what and when, who is awaited; decide mine. */
export function ApprovalSteps({ model, recordId, approvals, pending, formats }: ApprovalStepsProps) {
  const { t } = useTranslation();
  const text = useDefText();
  const [deciding, setDeciding] = useState<{ step: ApprovalStep; decision: 'approved' | 'rejected' } | null>(null);
  const mine = new Set(pending.filter((p) => p.recordId === recordId).map((p) => p.stepId));
  const when = (d: string | null) => (d ? formatValue({ type: 'datetime' }, d, formats) : '');
  const status = (s: string, group: 'stepStatus' | 'approvalStatus') =>
    t(`workflow.${group}.${s}`, { defaultValue: s });
  const ordered = [...approvals].sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open'));

  return (
    <Box>
      {ordered.map((a) => (
        <Box key={a.id} component="section" aria-label={`${t('workflow.approvals')}: ${a.name}`} sx={{ mb: 2 }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
            <ValueChip label={status(a.status, 'approvalStatus')} color={STATUS_COLORS[a.status]} />
            <Typography variant="caption" color="text.secondary">
              {t(`workflow.mode.${a.mode}`, { quorum: a.quorum ?? '', defaultValue: a.mode })} · {when(a.openedAt)}
            </Typography>
          </Stack>
          <List dense disablePadding>
            {a.steps.map((s) => (
              <ListItem
                key={s.id}
                disableGutters
                sx={{ display: 'block', borderLeft: 3, borderColor: 'divider', pl: 1.5, mb: 1 }}
              >
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    {text(s.label, s.name)}
                  </Typography>
                  <ValueChip label={status(s.status, 'stepStatus')} color={STATUS_COLORS[s.status]} />
                </Stack>
                {s.decidedBy ? (
                  <Typography variant="body2" color="text.secondary">
                    {t('workflow.decidedBy', {
                      decision: status(s.status, 'stepStatus'),
                      who: s.decidedBy.name ?? s.decidedBy.id,
                    })}
                    {s.onBehalfOf && ` (${t('workflow.onBehalfOf', { who: s.onBehalfOf.name ?? s.onBehalfOf.id })})`} ·{' '}
                    {when(s.decidedAt)}
                  </Typography>
                ) : (
                  s.status === 'pending' && (
                    <Typography variant="body2" color="text.secondary">
                      {t('workflow.awaiting', {
                        who: s.approvers.map((p) => p.name ?? p.id).join(', ') || t('workflow.nobody'),
                      })}
                    </Typography>
                  )
                )}
                {s.comment && (
                  <Typography variant="body2" sx={{ fontStyle: 'italic' }}>
                    “{s.comment}”
                  </Typography>
                )}
                {s.status === 'pending' && mine.has(s.id) && (
                  <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
                    <Button
                      size="small"
                      variant="contained"
                      color="success"
                      startIcon={<CheckIcon />}
                      onClick={() => setDeciding({ step: s, decision: 'approved' })}
                    >
                      {t('workflow.approve')}
                    </Button>
                    <Button
                      size="small"
                      variant="outlined"
                      color="error"
                      startIcon={<CloseIcon />}
                      onClick={() => setDeciding({ step: s, decision: 'rejected' })}
                    >
                      {t('workflow.reject')}
                    </Button>
                  </Stack>
                )}
              </ListItem>
            ))}
          </List>
        </Box>
      ))}
      {deciding && (
        <DecisionDialog
          model={model}
          recordId={recordId}
          step={deciding.step}
          decision={deciding.decision}
          onClose={() => setDeciding(null)}
        />
      )}
    </Box>
  );
}

function DecisionDialog({
  model,
  recordId,
  step,
  decision,
  onClose,
}: {
  model: EntityModel;
  recordId: string;
  step: ApprovalStep;
  decision: 'approved' | 'rejected';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const text = useDefText();
  const decide = useDecide(model, recordId);
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const needsComment = decision === 'rejected';
  const missing = needsComment && !comment.trim();
  const label = decision === 'approved' ? t('workflow.approve') : t('workflow.reject');
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="decision-title">
      <DialogTitle id="decision-title">
        {label} — {text(step.label, step.name)}
      </DialogTitle>
      <DialogContent>
        {decide.error && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {decide.error.message}
          </Alert>
        )}
        <TextField
          sx={{ mt: 1 }}
          label={needsComment ? t('workflow.rejectComment') : t('workflow.approveComment')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          multiline
          minRows={2}
          required={needsComment}
          error={tried && missing}
          helperText={tried && missing ? t('errors.required') : undefined}
          autoFocus
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button
          variant="contained"
          color={decision === 'approved' ? 'success' : 'error'}
          disabled={decide.isPending}
          onClick={() => {
            setTried(true);
            if (missing) return;
            decide.mutate({ decision, comment: comment.trim() || undefined, step: step.id }, { onSuccess: onClose });
          }}
        >
          {label}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
