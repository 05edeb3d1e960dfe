import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
} from '@mui/material';
import { useId } from 'react';
import { useDesignerT } from '../i18n/i18n.ts';
import type { ConflictState } from './use-draft-session.ts';

/**
 * Someone saved the draft since we read it: who and when, which of our unsaved files are at
 * stake, and a knowing choice between their draft (ours dropped) and ours on top of theirs.
 */
export function DraftConflictDialog({
  conflict,
  onReload,
  onOverwrite,
}: {
  conflict: ConflictState;
  onReload: () => void;
  onOverwrite: () => void;
}) {
  const t = useDesignerT();
  const titleId = useId();
  const { theirs, mine, lostOperation } = conflict;
  const when = theirs.updatedAt ? new Date(theirs.updatedAt).toLocaleString() : '?';
  const paths = Object.keys(mine);
  return (
    <Dialog open aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <DialogTitle id={titleId}>{t('conflict.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {t('conflict.body', {
            who: theirs.updatedByName ?? theirs.updatedBy ?? t('conflict.someone'),
            when,
            revision: theirs.revision,
          })}
        </DialogContentText>
        {lostOperation && (
          <Alert severity="warning" sx={{ mt: 2 }}>
            {t('conflict.lostOperation', { operation: lostOperation })}
          </Alert>
        )}
        {paths.length > 0 && (
          <>
            <DialogContentText sx={{ mt: 2 }}>{t('conflict.mine')}</DialogContentText>
            <List dense>
              {paths.map((p) => (
                <ListItem key={p}>
                  <ListItemText primary={p} />
                </ListItem>
              ))}
            </List>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onReload} autoFocus>
          {t('conflict.reload')}
        </Button>
        <Button onClick={onOverwrite} color="error" variant="contained" disabled={paths.length === 0}>
          {t('conflict.overwrite')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
