import { Button, Chip, Stack } from '@mui/material';
import { useDesignerT } from '../i18n/i18n.ts';
import type { SaveStatus } from './use-draft-session.ts';

// Colours whose text keeps a 4.5:1 contrast in both themes (MUI's info and warning do not).
const COLORS = {
  saved: 'success',
  pending: 'default',
  saving: 'primary',
  error: 'error',
  conflict: 'secondary',
} as const;

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
