import DeleteSweepIcon from '@mui/icons-material/DeleteSweep';
import { Alert, Button } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { dkeys, useDesignerApi } from '../api/queries.ts';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { errorMessage } from '../components/error-message.ts';
import { useDesignerT } from '../i18n/i18n.ts';

/** Throws the draft away (after asking); the workspace then shows the applied bundle again. */
export function DiscardDraftButton({
  name,
  disabled,
  onDiscarded,
}: {
  name: string;
  disabled: boolean;
  onDiscarded: () => Promise<void>;
}) {
  const t = useDesignerT();
  const d = useDesignerApi();
  const qc = useQueryClient();
  const [asking, setAsking] = useState(false);
  const discard = useMutation({
    mutationFn: () => d.discardDraft(name),
    onSuccess: async () => {
      setAsking(false);
      await qc.invalidateQueries({ queryKey: dkeys.bundles });
      await onDiscarded();
    },
  });
  return (
    <>
      <Button color="error" startIcon={<DeleteSweepIcon />} disabled={disabled} onClick={() => setAsking(true)}>
        {t('workspace.discard')}
      </Button>
      {asking && (
        <ConfirmDialog
          title={t('workspace.discardTitle', { name })}
          confirm={t('workspace.discard')}
          danger
          busy={discard.isPending}
          onConfirm={() => discard.mutate()}
          onClose={() => setAsking(false)}
        >
          {t('workspace.discardBody')}
          {discard.isError && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {errorMessage(discard.error, t)}
            </Alert>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}
