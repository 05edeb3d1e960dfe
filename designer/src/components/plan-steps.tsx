import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { Alert, List, ListItem, ListItemIcon, ListItemText, Typography } from '@mui/material';
import type { Plan, PlanProblem } from '../api/designer-types.ts';
import { useDesignerT } from '../i18n/i18n.ts';

/** A plan in words: one line per step, destructive ones in red with the rows they touch. */
export function PlanSteps({ plan }: { plan: Plan }) {
  const t = useDesignerT();
  if (plan.noop || plan.steps.length === 0) {
    return <Alert severity="info">{t('plan.noop')}</Alert>;
  }
  const destructive = plan.steps.filter((s) => s.destructive).length;
  return (
    <>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {t('plan.versions', { from: plan.fromVersion ?? t('plan.nothing'), to: plan.toVersion ?? '?' })}
      </Typography>
      {destructive > 0 && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {t('plan.destructiveCount', { count: destructive })}
        </Alert>
      )}
      {/* It scrolls past ten steps or so: focusable, so the keyboard can scroll it too (axe). */}
      <List dense aria-label={t('plan.steps')} tabIndex={0} sx={{ maxHeight: 320, overflow: 'auto' }}>
        {plan.steps.map((s, i) => (
          <ListItem key={i} sx={s.destructive ? { color: 'error.main' } : undefined}>
            {s.destructive && (
              <ListItemIcon sx={{ minWidth: 32, color: 'error.main' }}>
                <WarningAmberIcon fontSize="small" aria-label={t('plan.destructive')} />
              </ListItemIcon>
            )}
            <ListItemText
              inset={!s.destructive && destructive > 0}
              primary={s.description}
              secondary={[
                `${s.action} · ${s.table}${s.column ? `.${s.column}` : ''}`,
                s.rowsAffected !== undefined ? t('plan.rows', { count: s.rowsAffected }) : null,
              ]
                .filter(Boolean)
                .join(' — ')}
              slotProps={{ secondary: { color: s.destructive ? 'error' : undefined } }}
            />
          </ListItem>
        ))}
      </List>
    </>
  );
}

/** Whether applying the plan needs the admin to type the bundle's name. */
export const planIsDestructive = (plan: Plan | null | undefined) => !!plan?.steps.some((s) => s.destructive);

/** Steps a dry run found would fail on the data as it is, with how many rows and a few ids. */
export function PlanProblems({ problems }: { problems: readonly PlanProblem[] | undefined }) {
  const t = useDesignerT();
  if (!problems?.length) return null;
  return (
    <Alert severity="error">
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {t('plan.problems', { count: problems.length })}
      </Typography>
      <List dense disablePadding>
        {problems.map((p, i) => (
          <ListItem key={i} disableGutters>
            <ListItemText
              primary={p.description}
              secondary={[
                p.count !== undefined ? t('plan.rows', { count: p.count }) : null,
                p.sampleIds?.length ? t('plan.sample', { ids: p.sampleIds.join(', ') }) : null,
                p.error ?? null,
              ]
                .filter(Boolean)
                .join(' — ')}
            />
          </ListItem>
        ))}
      </List>
    </Alert>
  );
}
