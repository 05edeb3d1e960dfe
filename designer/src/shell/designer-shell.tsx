import { AppBar, Box, Button, Link, Toolbar, Typography } from '@mui/material';
import { AccountMenu } from '@opsflux/runtime-ui/account-menu';
import { FullPageProgress } from '@opsflux/runtime-ui/session-gate';
import { SettingsMenu } from '@opsflux/runtime-ui/settings-menu';
import { Suspense } from 'react';
import { NavLink, Outlet, Link as RouterLink } from 'react-router';
import { useDesignerT } from '../i18n/i18n.ts';

/**
 * The frame of every designer page: a top bar (title, the bundles, a way to the app, display
 * settings, account) and the page, which has the rest of the laptop screen to itself.
 */
export function DesignerShell() {
  const t = useDesignerT();
  return (
    <>
      <Link
        href="#main"
        sx={{
          position: 'absolute',
          left: -9999,
          zIndex: 2000,
          '&:focus': { left: 8, top: 8, p: 1, bgcolor: 'background.paper' },
        }}
      >
        {t('app.skipToContent')}
      </Link>
      <AppBar position="sticky" enableColorOnDark>
        <Toolbar variant="dense" sx={{ gap: 1 }}>
          <Typography
            component={RouterLink}
            to="/"
            variant="h6"
            noWrap
            sx={{ color: 'inherit', textDecoration: 'none', fontWeight: 700, mr: 2 }}
          >
            {t('app.title')}
          </Typography>
          <Box component="nav" aria-label={t('app.navigation')} sx={{ display: 'flex', gap: 1, flexGrow: 1 }}>
            <Button component={NavLink} to="/bundles" color="inherit">
              {t('app.bundles')}
            </Button>
            <Button component="a" href="/" color="inherit">
              {t('app.openApp')}
            </Button>
          </Box>
          <SettingsMenu />
          <AccountMenu />
        </Toolbar>
      </AppBar>
      <Box component="main" id="main" tabIndex={-1} sx={{ p: { xs: 1.5, md: 2 }, outline: 'none' }}>
        <Suspense fallback={<FullPageProgress />}>
          <Outlet />
        </Suspense>
      </Box>
    </>
  );
}
