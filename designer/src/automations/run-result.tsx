import { Box, Chip, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useContentT } from '../i18n/content-editors-messages.ts';

/** What one action of a run reported (`{ type, ...details }`). */
export type ActionOutcome = { type: string } & Record<string, unknown>;

const COLORS: Record<string, 'success' | 'default' | 'error' | 'warning'> = {
  done: 'success',
  skipped: 'default',
  failed: 'warning',
  dead: 'error',
};

export function OutcomeChip({ outcome }: { outcome: string }) {
  const t = useContentT('automation');
  const known = ['done', 'skipped', 'failed', 'dead'].includes(outcome);
  return <Chip size="small" color={COLORS[outcome] ?? 'default'} label={known ? t(`outcomes.${outcome}`) : outcome} />;
}

/** Each action's result, its details as compact JSON. */
export function ActionOutcomes({ actions }: { actions: readonly ActionOutcome[] | null | undefined }) {
  const t = useContentT('automation');
  if (!actions?.length) {
    return (
      <Typography variant="body2" color="text.secondary">
        {t('noActionResults')}
      </Typography>
    );
  }
  return (
    <List dense disablePadding aria-label={t('actionResults')}>
      {actions.map(({ type, ...details }, i) => (
        <ListItem key={i} disableGutters sx={{ alignItems: 'flex-start' }}>
          <ListItemText
            primary={`${i + 1}. ${type}`}
            secondary={
              <Box component="code" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 12 }}>
                {JSON.stringify(details)}
              </Box>
            }
          />
        </ListItem>
      ))}
    </List>
  );
}
