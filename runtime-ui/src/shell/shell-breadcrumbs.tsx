import { Breadcrumbs, Link, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useCurrentCrumbs } from './page-crumbs.tsx';

/** Home › what the page said it sits under › the page. */
export function ShellBreadcrumbs() {
  const { t } = useTranslation();
  const crumbs = useCurrentCrumbs();
  if (crumbs.length === 0) return null;
  const trail = [{ label: t('common.home'), to: '/' }, ...crumbs];
  return (
    <Breadcrumbs aria-label={t('shell.breadcrumbs')} sx={{ mb: 2, displayPrint: 'none' }}>
      {trail.map((c, i) =>
        i === trail.length - 1 || !c.to ? (
          <Typography key={i} color="text.primary" aria-current={i === trail.length - 1 ? 'page' : undefined}>
            {c.label}
          </Typography>
        ) : (
          <Link key={i} component={RouterLink} to={c.to} underline="hover" color="inherit">
            {c.label}
          </Link>
        ),
      )}
    </Breadcrumbs>
  );
}
