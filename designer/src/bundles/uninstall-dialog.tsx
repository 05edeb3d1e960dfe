import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { AdminBundle } from '../api/designer-types.ts';
import { dkeys, useDesignerApi } from '../api/queries.ts';
import { ConfirmNameField } from '../components/confirm-name-field.tsx';
import { errorMessage } from '../components/error-message.ts';
import { useDesignerT } from '../i18n/i18n.ts';

/** Uninstall: the name typed, and a knowing choice between archiving the tables and purging them. */
export function UninstallDialog({ bundle, onClose }: { bundle: AdminBundle; onClose: () => void }) {
  const t = useDesignerT();
  const d = useDesignerApi();
  const qc = useQueryClient();
  const titleId = useId();
  const [typed, setTyped] = useState('');
  const [purge, setPurge] = useState(false);
  const uninstall = useMutation({
    mutationFn: () => d.uninstall(bundle.name, purge),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: dkeys.bundles });
      onClose();
    },
  });
  const dependants = bundle.dependants ?? [];
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <DialogTitle id={titleId}>{t('uninstall.title', { name: bundle.name })}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t('uninstall.body')}</DialogContentText>
        {dependants.length > 0 && (
          <Alert severity="warning" sx={{ mt: 2 }}>
            {t('uninstall.dependants', { names: dependants.join(', ') })}
          </Alert>
        )}
        <FormControlLabel
          sx={{ mt: 1 }}
          control={<Checkbox checked={purge} onChange={(e) => setPurge(e.target.checked)} />}
          label={t('uninstall.purge')}
        />
        {purge && (
          <Alert severity="error" role="alert">
            {t('uninstall.purgeWarning')}
          </Alert>
        )}
        <ConfirmNameField name={bundle.name} value={typed} onChange={setTyped} />
        {uninstall.isError && <Alert severity="error">{errorMessage(uninstall.error, t)}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button
          color="error"
          variant="contained"
          disabled={typed !== bundle.name || uninstall.isPending}
          onClick={() => uninstall.mutate()}
        >
          {purge ? t('uninstall.confirmPurge') : t('uninstall.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
