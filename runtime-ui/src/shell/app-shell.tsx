import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import MenuIcon from '@mui/icons-material/Menu';
import { AppBar, Box, Drawer, IconButton, Link, Toolbar, Tooltip, Typography, useMediaQuery } from '@mui/material';
import type { Theme } from '@mui/material/styles';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, Link as RouterLink } from 'react-router';
import { FullPageProgress } from '../auth/session-gate.tsx';
import { NotificationBell } from '../notifications/notification-bell.tsx';
import { usePreferences } from '../preferences/preferences-context.tsx';
import { AccountMenu } from './account-menu.tsx';
import { BOTTOM_NAV_ROOM, BottomNav } from './bottom-nav.tsx';
import { CrumbsProvider } from './page-crumbs.tsx';
import { PaletteButton } from './palette-button.tsx';
import { SettingsMenu } from './settings-menu.tsx';
import { ShellBreadcrumbs } from './shell-breadcrumbs.tsx';
import { SideNav } from './side-nav.tsx';
import { useLiveMeta } from './use-live-meta.ts';
import { useNavigation } from './use-navigation.ts';

const WIDE = 280;
const MINI = 72;

/**
 * The frame around every page. Desktop: a permanent sidebar the user may collapse (remembered).
 * Tablet: the sidebar is a drawer. Phone: a bottom bar, and the drawer for the rest.
 */
export function AppShell() {
  const { t } = useTranslation();
  const { prefs, update } = usePreferences();
  const nav = useNavigation();
  useLiveMeta();
  const desktop = useMediaQuery((th: Theme) => th.breakpoints.up('lg'), { noSsr: true });
  const phone = useMediaQuery((th: Theme) => th.breakpoints.down('sm'), { noSsr: true });
  const [drawerOpen, setDrawerOpen] = useState(false);
  const collapsed = desktop && prefs.sidebarCollapsed;
  const width = collapsed ? MINI : WIDE;

  return (
    <CrumbsProvider>
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
      <AppBar position="fixed" sx={{ zIndex: (th) => th.zIndex.drawer + 1, displayPrint: 'none' }} enableColorOnDark>
        <Toolbar>
          {desktop ? (
            <Tooltip title={collapsed ? t('shell.expandMenu') : t('shell.collapseMenu')}>
              <IconButton
                color="inherit"
                edge="start"
                aria-label={collapsed ? t('shell.expandMenu') : t('shell.collapseMenu')}
                aria-expanded={!collapsed}
                onClick={() => update({ sidebarCollapsed: !prefs.sidebarCollapsed })}
              >
                {collapsed ? <ChevronRightIcon /> : <ChevronLeftIcon />}
              </IconButton>
            </Tooltip>
          ) : (
            <IconButton
              color="inherit"
              edge="start"
              aria-label={t('shell.openMenu')}
              aria-expanded={drawerOpen}
              onClick={() => setDrawerOpen(true)}
            >
              <MenuIcon />
            </IconButton>
          )}
          <Typography
            component={RouterLink}
            to="/"
            variant="h6"
            noWrap
            sx={{ ml: 1, flexGrow: 1, color: 'inherit', textDecoration: 'none', fontWeight: 700 }}
          >
            OpsFlux
          </Typography>
          <PaletteButton />
          <NotificationBell />
          <SettingsMenu />
          <AccountMenu profilePath="/profile" />
        </Toolbar>
      </AppBar>
      <Box sx={{ display: 'flex' }}>
        {desktop ? (
          <Drawer
            variant="permanent"
            sx={{
              width,
              flexShrink: 0,
              displayPrint: 'none',
              '& .MuiDrawer-paper': { width, boxSizing: 'border-box', overflowX: 'hidden' },
            }}
          >
            <Toolbar />
            <SideNav groups={nav.groups} isPending={nav.isPending} mini={collapsed} />
          </Drawer>
        ) : (
          <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)} sx={{ displayPrint: 'none' }}>
            <Box sx={{ width: WIDE }}>
              <Toolbar />
              <SideNav groups={nav.groups} isPending={nav.isPending} onNavigate={() => setDrawerOpen(false)} />
            </Box>
          </Drawer>
        )}
        <Box
          component="main"
          id="main"
          tabIndex={-1}
          sx={{ flexGrow: 1, minWidth: 0, p: { xs: 1.5, sm: 3 }, outline: 'none' }}
        >
          <Toolbar sx={{ displayPrint: 'none' }} />
          <ShellBreadcrumbs />
          <Suspense fallback={<FullPageProgress />}>
            <Outlet />
          </Suspense>
          {/* Room for the fixed bottom bar, so the end of a page can scroll above it. */}
          {phone && <Box aria-hidden sx={{ height: BOTTOM_NAV_ROOM, displayPrint: 'none' }} />}
        </Box>
      </Box>
      {phone && <BottomNav groups={nav.groups} onMore={() => setDrawerOpen(true)} />}
    </CrumbsProvider>
  );
}
