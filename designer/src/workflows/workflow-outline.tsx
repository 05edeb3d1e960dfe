import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import {
  Box,
  Button,
  Chip,
  IconButton,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { pickText, type Language, type WorkflowDefinition } from '@opsflux/definitions';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Selection } from './workflow-flow.ts';
import type { WorkflowProblem } from './workflow-problems.ts';
import { problemsByTarget, WARNING_CHIP } from './workflow-problems.ts';

interface WorkflowOutlineProps {
  def: WorkflowDefinition;
  problems: readonly WorkflowProblem[];
  selection: Selection;
  lang: Language;
  readOnly?: boolean;
  onSelect: (s: Selection) => void;
  onAddState: () => void;
  onRemoveState: (index: number) => void;
  onAddTransition: (from: string, to: string) => void;
  onRemoveTransition: (index: number) => void;
}

/** The workflow as two lists: what the canvas does by mouse, done here by keyboard. */
export function WorkflowOutline(props: WorkflowOutlineProps) {
  const { t } = useTranslation();
  const { def, lang } = props;
  const grouped = problemsByTarget(props.problems);
  const names = [...new Set((def.states ?? []).map((s) => s.name))];
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  /** A problem count after the name, only when there are problems (a "0" would be read out). */
  const count = (ps: WorkflowProblem[] | undefined) =>
    ps?.length ? (
      <Chip
        size="small"
        sx={{ ml: 1, ...(!ps.some((p) => p.severity === 'error') && WARNING_CHIP) }}
        color={ps.some((p) => p.severity === 'error') ? 'error' : 'warning'}
        label={t('workflowEditor.problemCount', { count: ps.length })}
      />
    ) : null;

  return (
    <Stack spacing={2} sx={{ minWidth: 0 }}>
      <Box component="section" aria-labelledby="wf-states-title">
        <Typography id="wf-states-title" component="h3" variant="subtitle1">
          {t('workflowEditor.states')}
        </Typography>
        <List dense disablePadding>
          {(def.states ?? []).map((s, i) => {
            const label = pickText(s.label, lang) || s.name;
            const marks = [s.initial && t('workflowEditor.initial'), s.final && t('workflowEditor.final')].filter(
              Boolean,
            );
            return (
              <ListItem
                key={i}
                disablePadding
                secondaryAction={
                  !props.readOnly && (
                    <IconButton
                      edge="end"
                      aria-label={t('workflowEditor.remove', { name: s.name })}
                      onClick={() => props.onRemoveState(i)}
                    >
                      <DeleteOutlineIcon fontSize="small" />
                    </IconButton>
                  )
                }
              >
                <ListItemButton
                  selected={props.selection?.kind === 'state' && props.selection.index === i}
                  onClick={() => props.onSelect({ kind: 'state', index: i })}
                >
                  <Box
                    sx={{
                      width: 12,
                      height: 12,
                      mr: 1.5,
                      flexShrink: 0,
                      borderRadius: '50%',
                      bgcolor: s.color ?? 'grey.500',
                    }}
                  />
                  <ListItemText primary={label} secondary={[s.name, ...marks].join(' · ')} />
                  {count(grouped.states.get(i))}
                </ListItemButton>
              </ListItem>
            );
          })}
        </List>
        {!props.readOnly && (
          <Button size="small" startIcon={<AddIcon />} onClick={props.onAddState}>
            {t('workflowEditor.addState')}
          </Button>
        )}
      </Box>

      <Box component="section" aria-labelledby="wf-transitions-title">
        <Typography id="wf-transitions-title" component="h3" variant="subtitle1">
          {t('workflowEditor.transitions')}
        </Typography>
        <List dense disablePadding>
          {(def.transitions ?? []).map((tr, i) => {
            const label = pickText(tr.label, lang) || tr.name;
            return (
              <ListItem
                key={i}
                disablePadding
                secondaryAction={
                  !props.readOnly && (
                    <IconButton
                      edge="end"
                      aria-label={t('workflowEditor.remove', { name: tr.name })}
                      onClick={() => props.onRemoveTransition(i)}
                    >
                      <DeleteOutlineIcon fontSize="small" />
                    </IconButton>
                  )
                }
              >
                <ListItemButton
                  selected={props.selection?.kind === 'transition' && props.selection.index === i}
                  onClick={() => props.onSelect({ kind: 'transition', index: i })}
                >
                  <ListItemText primary={label} secondary={`${(tr.from ?? []).join(', ')} → ${tr.to}`} />
                  {count(grouped.transitions.get(i))}
                </ListItemButton>
              </ListItem>
            );
          })}
        </List>
        {!props.readOnly && names.length > 0 && (
          <Stack
            direction="row"
            role="group"
            aria-label={t('workflowEditor.addTransition')}
            sx={{ mt: 1, alignItems: 'center', flexWrap: 'wrap', gap: 1 }}
          >
            <TextField
              select
              size="small"
              label={t('workflowEditor.from')}
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              sx={{ minWidth: 110 }}
            >
              {names.map((n) => (
                <MenuItem key={n} value={n}>
                  {n}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              size="small"
              label={t('workflowEditor.to')}
              value={to}
              onChange={(e) => setTo(e.target.value)}
              sx={{ minWidth: 110 }}
            >
              {names.map((n) => (
                <MenuItem key={n} value={n}>
                  {n}
                </MenuItem>
              ))}
            </TextField>
            <Button
              size="small"
              startIcon={<AddIcon />}
              disabled={!from || !to}
              onClick={() => props.onAddTransition(from, to)}
            >
              {t('workflowEditor.addTransition')}
            </Button>
          </Stack>
        )}
      </Box>
    </Stack>
  );
}
