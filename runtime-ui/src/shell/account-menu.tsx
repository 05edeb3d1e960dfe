import AccountCircleIcon from '@mui/icons-material/AccountCircle';
import LogoutIcon from '@mui/icons-material/Logout';
import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import PersonIcon from '@mui/icons-material/Person';
import { IconButton, ListItemIcon, ListItemText, Menu, MenuItem, Tooltip } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { useMe } from '../api/queries.ts';
import { useSessionStore } from '../auth/session-store.ts';

/**
 * Who is signed in, the way to their profile and notification preferences (when the app has
 * those pages: `profilePath`), and the way out.
 */
export function AccountMenu({ profilePath }: { profilePath?: string } = {}) {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSessionStore();
  const me = useMe();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const navigate = useNavigate();
  const go = (to: string) => {
    setAnchor(null);
    void navigate(to);
  };
  const name = me.data ? `${me.data.firstName} ${me.data.lastName}` : '';
  const signOut = () => {
    setAnchor(null);
    void api
      .post('/api/v1/auth/logout')
      .catch(() => undefined)
      .finally(() => session.markSignedOut());
  };
  return (
    <>
      <Tooltip title={name || t('shell.account')}>
        <IconButton
          color="inherit"
          aria-label={`${t('shell.account')}${name ? `: ${name}` : ''}`}
          aria-haspopup="menu"
          onClick={(e) => setAnchor(e.currentTarget)}
        >
          <AccountCircleIcon />
        </IconButton>
      </Tooltip>
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        <MenuItem disabled>
          <ListItemText primary={name} secondary={me.data?.email} />
        </MenuItem>
        {profilePath && (
          <MenuItem onClick={() => go(profilePath)}>
            <ListItemIcon>
              <PersonIcon fontSize="small" />
            </ListItemIcon>
            {t('profile.title')}
          </MenuItem>
        )}
        {profilePath && (
          <MenuItem onClick={() => go(`${profilePath}/notifications`)}>
            <ListItemIcon>
              <NotificationsActiveIcon fontSize="small" />
            </ListItemIcon>
            {t('notificationPrefs.title')}
          </MenuItem>
        )}
        <MenuItem onClick={signOut}>
          <ListItemIcon>
            <LogoutIcon fontSize="small" />
          </ListItemIcon>
          {t('auth.signOut')}
        </MenuItem>
      </Menu>
    </>
  );
}
