import DeleteIcon from '@mui/icons-material/DeleteOutline';
import ArrowDropDownIcon from '@mui/icons-material/ArrowDropDown';
import CheckIcon from '@mui/icons-material/CheckCircleOutline';
import BlockIcon from '@mui/icons-material/Block';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  LinearProgress,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  Menu,
  MenuItem,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import type { ApiRecord, DataResponse, TransitionOption, TransitionsInfo } from '../api/api-types.ts';
import { keys, recordPath, useAbilities } from '../api/queries.ts';
import { recordTitle, type EntityModel } from '../model/entity-model.ts';
import { may } from '../shell/navigation.ts';
import { BULK_CONCURRENCY, commonTransitions, runLimited, type BulkOutcome } from './bulk-run.ts';

interface Target {
  id: string;
  title: string;
}
type Step =
  | { kind: 'idle' }
  | { kind: 'confirm-delete' }
  | { kind: 'fire'; transition: TransitionOption }
  | { kind: 'running'; done: number; total: number }
  | { kind: 'result'; title: string; outcomes: (BulkOutcome<unknown> & { target: Target })[] };

/**
 * What to do with the selected rows of the page: delete them, or fire a workflow transition
 * every one of them allows (the engine is asked per record). The engine has no bulk route: each
 * record is one call, a few at a time, and the summary says which were done and why others
 * were refused.
 */
export function BulkActions(props: { model: EntityModel; selected: ApiRecord[]; onDone: () => void }) {
  const { model, selected, onDone } = props;
  const { t } = useTranslation();
  const api = useApi();
  const qc = useQueryClient();
  const abilities = useAbilities();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const [options, setOptions] = useState<TransitionOption[] | null>(null);
  const [comment, setComment] = useState('');
  const targets: Target[] = selected.map((r) => ({ id: r.id, title: recordTitle(model, r) }));
  const canDelete = may(abilities.data, model.key, 'delete');

  const run = async (title: string, call: (id: string) => Promise<unknown>) => {
    setStep({ kind: 'running', done: 0, total: targets.length });
    const outcomes = await runLimited(
      targets,
      BULK_CONCURRENCY,
      (target) => call(target.id),
      (done) => setStep({ kind: 'running', done, total: targets.length }),
    );
    await qc.invalidateQueries({ queryKey: keys.records(model.bundle, model.name) });
    setStep({ kind: 'result', title, outcomes: outcomes.map((o, i) => ({ ...o, target: targets[i]! })) });
  };

  const openTransitions = async (anchor: HTMLElement) => {
    setMenu(anchor);
    setOptions(null);
    const infos = await runLimited(targets, BULK_CONCURRENCY, (target) =>
      api
        .get<DataResponse<TransitionsInfo>>(`${recordPath(model.bundle, model.name, target.id)}/transitions`)
        .then((r) => r.data),
    );
    const ok = infos.filter((i): i is { ok: true; value: TransitionsInfo } => i.ok).map((i) => i.value);
    setOptions(ok.length === infos.length ? commonTransitions(ok) : []);
  };

  const fire = (transition: TransitionOption) =>
    void run(transition.label, (id) =>
      api.post(`${recordPath(model.bundle, model.name, id)}/transitions/${encodeURIComponent(transition.name)}`, {
        ...(comment.trim() && { comment: comment.trim() }),
      }),
    );

  const close = () => {
    if (step.kind === 'result') onDone();
    setStep({ kind: 'idle' });
    setComment('');
  };

  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label={t('tools.bulk.selected', { count: selected.length })}
      sx={{ px: 2, py: 1, bgcolor: 'action.selected' }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography sx={{ fontWeight: 600 }}>{t('tools.bulk.selected', { count: selected.length })}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }}>
          {t('tools.bulk.pageOnly')}
        </Typography>
        {model.states && (
          <Button
            variant="outlined"
            endIcon={<ArrowDropDownIcon />}
            aria-haspopup="menu"
            aria-expanded={!!menu}
            onClick={(e) => void openTransitions(e.currentTarget)}
          >
            {t('tools.bulk.transition')}
          </Button>
        )}
        {canDelete && (
          <Button
            variant="outlined"
            color="error"
            startIcon={<DeleteIcon />}
            onClick={() => setStep({ kind: 'confirm-delete' })}
          >
            {t('tools.bulk.delete')}
          </Button>
        )}
        <Button onClick={onDone}>{t('tools.bulk.clear')}</Button>
      </Stack>
      <Menu anchorEl={menu} open={!!menu} onClose={() => setMenu(null)}>
        {options === null && (
          <MenuItem disabled>
            <CircularProgress size={16} sx={{ mr: 1 }} />
            {t('tools.bulk.loadingTransitions')}
          </MenuItem>
        )}
        {options?.length === 0 && <MenuItem disabled>{t('tools.bulk.noCommonTransition')}</MenuItem>}
        {options?.map((o) => (
          <MenuItem
            key={o.name}
            onClick={() => {
              setMenu(null);
              setStep({ kind: 'fire', transition: o });
            }}
          >
            {o.label}
          </MenuItem>
        ))}
      </Menu>

      <Dialog
        open={step.kind !== 'idle'}
        onClose={step.kind === 'running' ? undefined : close}
        aria-labelledby="bulk-title"
        fullWidth
        maxWidth="sm"
      >
        {step.kind === 'confirm-delete' && (
          <>
            <DialogTitle id="bulk-title">{t('tools.bulk.deleteTitle', { count: targets.length })}</DialogTitle>
            <DialogContent>
              <DialogContentText>{t('tools.bulk.deleteBody')}</DialogContentText>
            </DialogContent>
            <DialogActions>
              <Button onClick={close}>{t('common.cancel')}</Button>
              <Button
                color="error"
                variant="contained"
                onClick={() =>
                  void run(t('tools.bulk.delete'), (id) => api.delete(recordPath(model.bundle, model.name, id)))
                }
              >
                {t('tools.bulk.delete')}
              </Button>
            </DialogActions>
          </>
        )}
        {step.kind === 'fire' && (
          <Box
            component="form"
            onSubmit={(e) => {
              e.preventDefault();
              fire(step.transition);
            }}
          >
            <DialogTitle id="bulk-title">
              {t('tools.bulk.fireTitle', { transition: step.transition.label, count: targets.length })}
            </DialogTitle>
            <DialogContent>
              <TextField
                label={step.transition.commentRequired ? t('tools.bulk.commentRequired') : t('tools.bulk.comment')}
                required={step.transition.commentRequired}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                multiline
                minRows={2}
                fullWidth
                autoFocus
                sx={{ mt: 1 }}
              />
            </DialogContent>
            <DialogActions>
              <Button onClick={close}>{t('common.cancel')}</Button>
              <Button type="submit" variant="contained" disabled={step.transition.commentRequired && !comment.trim()}>
                {t('tools.bulk.run')}
              </Button>
            </DialogActions>
          </Box>
        )}
        {step.kind === 'running' && (
          <>
            <DialogTitle id="bulk-title">{t('tools.bulk.running', { done: step.done, total: step.total })}</DialogTitle>
            <DialogContent>
              <LinearProgress
                variant="determinate"
                value={(100 * step.done) / Math.max(1, step.total)}
                aria-label={t('tools.bulk.running', { done: step.done, total: step.total })}
              />
            </DialogContent>
          </>
        )}
        {step.kind === 'result' && <Result step={step} onClose={close} />}
      </Dialog>
    </Paper>
  );
}

function Result({ step, onClose }: { step: Extract<Step, { kind: 'result' }>; onClose: () => void }) {
  const { t } = useTranslation();
  const failed = step.outcomes.filter((o) => !o.ok).length;
  return (
    <>
      <DialogTitle id="bulk-title">{step.title}</DialogTitle>
      <DialogContent>
        <Alert severity={failed ? 'warning' : 'success'} role="status" sx={{ mb: 1 }}>
          {t('tools.bulk.resultTitle', { ok: step.outcomes.length - failed, failed })}
        </Alert>
        <List dense aria-label={t('tools.bulk.resultTitle', { ok: step.outcomes.length - failed, failed })}>
          {step.outcomes.map((o) => (
            <ListItem key={o.target.id}>
              <ListItemIcon>{o.ok ? <CheckIcon color="success" /> : <BlockIcon color="error" />}</ListItemIcon>
              <ListItemText
                primary={`${o.target.title} — ${o.ok ? t('tools.bulk.done') : t('tools.bulk.refused')}`}
                secondary={o.ok ? undefined : o.reason}
              />
            </ListItem>
          ))}
        </List>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose} autoFocus>
          {t('common.close')}
        </Button>
      </DialogActions>
    </>
  );
}
