import { List, ListItemButton, ListItem, ListItemText } from '@mui/material';
import type { DraftIssue } from '../editor-types.ts';
import { useDesignerT } from '../i18n/i18n.ts';

/** Problems found in a draft or an import; each names its file and place, and may be opened. */
export function IssueList({ issues, onOpen }: { issues: readonly DraftIssue[]; onOpen?: (issue: DraftIssue) => void }) {
  const t = useDesignerT();
  return (
    <List dense aria-label={t('problems.title')} disablePadding>
      {issues.map((issue, i) => {
        const text = (
          <ListItemText
            primary={issue.message}
            secondary={`${issue.file || t('problems.bundle')}${issue.pointer ? ` · ${issue.pointer}` : ''} · ${issue.code}`}
            slotProps={{ primary: { color: 'error' } }}
          />
        );
        return onOpen ? (
          <ListItem key={i} disablePadding>
            <ListItemButton onClick={() => onOpen(issue)}>{text}</ListItemButton>
          </ListItem>
        ) : (
          <ListItem key={i}>{text}</ListItem>
        );
      })}
    </List>
  );
}
