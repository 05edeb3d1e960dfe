import AccountCircleIcon from '@mui/icons-material/AccountCircle';
import LogoutIcon from '@mui/icons-material/Logout';
import { IconButton, ListItemIcon, ListItemText, Menu, MenuItem, Tooltip } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import { useMe } from '../api/queries.ts';
import { useSessionStore } from '../auth/session-store.ts';

/** Who is signed in, and the way out. */
export function AccountMenu() {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSessionStore();
  const me = useMe();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
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
