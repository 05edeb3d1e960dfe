import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useEffect, useId } from 'react';
import { useBlocker } from 'react-router';
import { useDesignerT } from '../i18n/i18n.ts';
import type { SaveStatus } from './use-draft-session.ts';

/**
 * Leaving the workspace. Within the designer, changes waiting for their pause are saved on the
 * way out, so only changes that cannot be saved (a failed save, a conflict) make it ask. Closing
 * or reloading the tab cannot wait for a save: the browser asks whenever anything is unsaved.
 */
export function DraftLeaveGuard({ status }: { status: SaveStatus }) {
  const t = useDesignerT();
  const titleId = useId();
  const stuck = status === 'error' || status === 'conflict';
  const unsaved = stuck || status === 'pending' || status === 'saving';
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => stuck && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
  return (
    <Dialog open={blocker.state === 'blocked'} onClose={() => blocker.reset?.()} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{t('leave.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t('leave.body')}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => blocker.reset?.()} autoFocus>
          {t('leave.stay')}
        </Button>
        <Button onClick={() => blocker.proceed?.()} color="error">
          {t('leave.leave')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
