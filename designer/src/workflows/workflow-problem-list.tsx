import ErrorOutlineIcon from '@mui/icons-material/ErrorOutline';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { Box, List, ListItem, ListItemButton, ListItemIcon, ListItemText, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { DraftIssue } from '../editor-types.ts';
import { selectionOfPointer, type Selection } from './selection.ts';
import type { WorkflowProblem } from './workflow-problems.ts';

interface ProblemListProps {
  problems: readonly WorkflowProblem[];
  /** What the engine's validation said about this file. */
  issues: readonly DraftIssue[];
  onSelect: (s: Selection) => void;
}

/** The canvas's problems and the engine's, each leading to what it is about. */
export function WorkflowProblemList({ problems, issues, onSelect }: ProblemListProps) {
  const { t } = useTranslation();
  const selectionOf = (p: WorkflowProblem): Selection =>
    p.target.kind === 'workflow' ? null : { kind: p.target.kind, index: p.target.index };
  return (
    <Box component="section" aria-labelledby="wf-problems-title">
      <Typography id="wf-problems-title" component="h3" variant="subtitle1">
        {t('workflowEditor.problems.title')}
      </Typography>
      {!problems.length && !issues.length && (
        <Typography variant="body2" color="text.secondary">
          {t('workflowEditor.problems.none')}
        </Typography>
      )}
      <List dense disablePadding aria-labelledby="wf-problems-title">
        {problems.map((p, i) => (
          <ListItem key={`p${i}`} disablePadding>
            <ListItemButton onClick={() => onSelect(selectionOf(p))}>
              <ListItemIcon sx={{ minWidth: 32 }}>
                {p.severity === 'error' ? (
                  <ErrorOutlineIcon color="error" fontSize="small" titleAccess={t('workflowEditor.problems.error')} />
                ) : (
                  <WarningAmberIcon
                    color="warning"
                    fontSize="small"
                    titleAccess={t('workflowEditor.problems.warning')}
                  />
                )}
              </ListItemIcon>
              <ListItemText primary={t(`workflowEditor.problems.${p.code}`, p.params)} />
            </ListItemButton>
          </ListItem>
        ))}
        {issues.map((issue, i) => (
          <ListItem key={`i${i}`} disablePadding>
            <ListItemButton onClick={() => onSelect(selectionOfPointer(issue.pointer))}>
              <ListItemIcon sx={{ minWidth: 32 }}>
                <ErrorOutlineIcon color="error" fontSize="small" titleAccess={t('workflowEditor.problems.engine')} />
              </ListItemIcon>
              <ListItemText
                primary={issue.message}
                secondary={`${t('workflowEditor.problems.engine')} · ${issue.pointer || '/'}`}
              />
            </ListItemButton>
          </ListItem>
        ))}
      </List>
    </Box>
  );
}
