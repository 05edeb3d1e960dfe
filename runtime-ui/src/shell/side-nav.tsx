import ExpandLess from '@mui/icons-material/ExpandLess';
import ExpandMore from '@mui/icons-material/ExpandMore';
import HomeIcon from '@mui/icons-material/Home';
import {
  Alert,
  Box,
  Collapse,
  List,
  ListItem,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  ListSubheader,
  Skeleton,
  Tooltip,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { BookmarkNav } from '../bookmarks/bookmark-nav.tsx';
import { MenuIcon } from './menu-icon.tsx';
import type { NavGroup, NavItem } from './navigation.ts';

interface SideNavProps {
  groups: NavGroup[];
  isPending: boolean;
  /** Icons only (the desktop's collapsed sidebar). */
  mini?: boolean;
  /** After a choice: the tablet's drawer closes. */
  onNavigate?: () => void;
}

const isActive = (to: string | undefined, path: string) =>
  !!to && (to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`));

/** The menu tree: groups from the menu definitions (or the bundles), items that open pages. */
export function SideNav({ groups, isPending, mini = false, onNavigate }: SideNavProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <Box component="nav" aria-label={t('shell.navigation')} sx={{ overflowY: 'auto', flex: 1 }}>
      <List>
        <Entry item={{ key: 'home', label: t('common.home'), to: '/' }} depth={0} mini={mini} path={pathname}>
          <HomeIcon />
        </Entry>
      </List>
      <BookmarkNav mini={mini} onNavigate={onNavigate} />
      {isPending && [0, 1, 2].map((i) => <Skeleton key={i} variant="rounded" height={32} sx={{ mx: 2, my: 1 }} />)}
      {!isPending && groups.length === 0 && !mini && (
        <Alert severity="info" sx={{ m: 1 }}>
          {t('shell.noMenu')}
        </Alert>
      )}
      {groups.map((g) => (
        <List
          key={g.key}
          subheader={
            mini ? undefined : <ListSubheader sx={{ lineHeight: 2.5, bgcolor: 'inherit' }}>{g.label}</ListSubheader>
          }
          aria-label={g.label}
        >
          {g.items.map((it) => (
            <Branch key={it.key} item={it} depth={0} mini={mini} path={pathname} onNavigate={onNavigate} />
          ))}
        </List>
      ))}
    </Box>
  );
}

interface BranchProps {
  item: NavItem;
  depth: number;
  mini: boolean;
  path: string;
  onNavigate?: () => void;
}

function Branch({ item, depth, mini, path, onNavigate }: BranchProps) {
  const within = (it: NavItem): boolean => isActive(it.to, path) || !!it.children?.some(within);
  const [open, setOpen] = useState(() => within(item));
  if (!item.children) {
    return (
      <Entry item={item} depth={depth} mini={mini} path={path} onNavigate={onNavigate}>
        <MenuIcon name={item.icon} />
      </Entry>
    );
  }
  return (
    <ListItem disablePadding sx={{ display: 'block' }}>
      <ListItemButton onClick={() => setOpen(!open)} aria-expanded={open} sx={{ pl: 2 + depth * 2 }}>
        <ListItemIcon sx={{ minWidth: 40 }}>
          <MenuIcon name={item.icon} />
        </ListItemIcon>
        {!mini && <ListItemText primary={item.label} />}
        {open ? <ExpandLess /> : <ExpandMore />}
      </ListItemButton>
      <Collapse in={open} timeout="auto" unmountOnExit>
        <List disablePadding>
          {item.to && (
            <Entry item={item} depth={depth + 1} mini={mini} path={path} onNavigate={onNavigate}>
              <MenuIcon name={item.icon} />
            </Entry>
          )}
          {item.children.map((c) => (
            <Branch key={c.key} item={c} depth={depth + 1} mini={mini} path={path} onNavigate={onNavigate} />
          ))}
        </List>
      </Collapse>
    </ListItem>
  );
}

function Entry({ item, depth, mini, path, onNavigate, children }: BranchProps & { children: React.ReactNode }) {
  const active = isActive(item.to, path);
  const button = (
    <ListItemButton
      component={NavLink}
      to={item.to ?? '/'}
      end={item.to === '/'}
      selected={active}
      onClick={onNavigate}
      aria-label={mini ? item.label : undefined}
      sx={{ pl: mini ? 2.5 : 2 + depth * 2, borderRadius: 1, mx: 1 }}
    >
      <ListItemIcon sx={{ minWidth: 40 }}>{children}</ListItemIcon>
      {!mini && <ListItemText primary={item.label} />}
    </ListItemButton>
  );
  return (
    <ListItem disablePadding>
      {mini ? (
        <Tooltip title={item.label} placement="right">
          {button}
        </Tooltip>
      ) : (
        button
      )}
    </ListItem>
  );
}
