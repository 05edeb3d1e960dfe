import HomeIcon from '@mui/icons-material/Home';
import MenuIcon from '@mui/icons-material/Menu';
import { BottomNavigation, BottomNavigationAction, Paper } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { MenuIcon as DefinedIcon } from './menu-icon.tsx';
import { flattenNav, type NavGroup } from './navigation.ts';

/** On phones: Home, the first pages of the menu, and the full menu — big targets for gloved hands. */
/** Height the page keeps free under its content for the bar (64 px) and a margin. */
export const BOTTOM_NAV_ROOM = 88;

export function BottomNav({ groups, onMore }: { groups: NavGroup[]; onMore: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const shortcuts = flattenNav(groups).slice(0, 2);
  const current = pathname === '/' ? '/' : (shortcuts.find((s) => pathname.startsWith(s.to!))?.to ?? '');
  return (
    <Paper
      component="nav"
      aria-label={t('shell.navigation')}
      elevation={8}
      sx={{ position: 'fixed', left: 0, right: 0, bottom: 0, zIndex: (th) => th.zIndex.appBar, displayPrint: 'none' }}
    >
      <BottomNavigation
        showLabels
        value={current}
        onChange={(_, to: string) => (to === 'more' ? onMore() : void navigate(to))}
        sx={{ height: 64, '& .MuiBottomNavigationAction-root': { minWidth: 64, minHeight: 56 } }}
      >
        <BottomNavigationAction value="/" label={t('common.home')} icon={<HomeIcon />} />
        {shortcuts.map((s) => (
          <BottomNavigationAction key={s.key} value={s.to} label={s.label} icon={<DefinedIcon name={s.icon} />} />
        ))}
        <BottomNavigationAction value="more" label={t('shell.more')} icon={<MenuIcon />} />
      </BottomNavigation>
    </Paper>
  );
}
