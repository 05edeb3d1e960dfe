import { Button, Chip, Stack } from '@mui/material';
import { useDesignerT } from '../i18n/i18n.ts';
import type { SaveStatus } from './use-draft-session.ts';

const COLORS = { saved: 'success', pending: 'default', saving: 'info', error: 'error', conflict: 'warning' } as const;

/** Where the draft's saving stands, announced politely; a failed save may be tried again. */
export function SaveStatusChip({
  status,
  revision,
  onRetry,
}: {
  status: SaveStatus;
  revision: number;
  onRetry: () => void;
}) {
  const t = useDesignerT();
  return (
    <Stack direction="row" role="status" aria-live="polite" sx={{ alignItems: 'center', gap: 1 }}>
      <Chip
        color={COLORS[status]}
        variant={status === 'saved' ? 'outlined' : 'filled'}
        label={t(`save.${status}`, { revision })}
      />
      {status === 'error' && (
        <Button size="small" onClick={onRetry}>
          {t('save.retry')}
        </Button>
      )}
    </Stack>
  );
}
