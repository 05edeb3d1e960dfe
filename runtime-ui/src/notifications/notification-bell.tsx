import NotificationsIcon from '@mui/icons-material/Notifications';
import { Badge, Drawer, IconButton, Snackbar, Tooltip } from '@mui/material';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveNotifications } from './use-live-notifications.ts';

// The panel and its list load on the first opening, not with the first screen.
const NotificationPanel = lazy(() =>
  import('./notification-panel.tsx').then((m) => ({ default: m.NotificationPanel })),
);

/** The bell: a live unread count, a toast when one arrives, the panel on click. */
export function NotificationBell() {
  const { t } = useTranslation();
  const { unread, latest, dismiss } = useLiveNotifications();
  const [open, setOpen] = useState(false);
  const label = unread ? t('notifications.bell', { count: unread }) : t('notifications.bellNone');
  return (
    <>
      <Tooltip title={label}>
        <IconButton color="inherit" aria-label={label} aria-haspopup="dialog" onClick={() => setOpen(true)}>
          <Badge badgeContent={unread || undefined} color="error" max={99}>
            <NotificationsIcon />
          </Badge>
        </IconButton>
      </Tooltip>
      <Drawer
        anchor="right"
        open={open}
        onClose={() => setOpen(false)}
        slotProps={{ paper: { role: 'dialog', 'aria-label': t('notifications.title') } }}
      >
        {open && (
          <Suspense fallback={null}>
            <NotificationPanel onClose={() => setOpen(false)} />
          </Suspense>
        )}
      </Drawer>
      <Snackbar
        open={!!latest}
        autoHideDuration={6000}
        onClose={dismiss}
        message={latest ? `${latest.title}${latest.message ? ` — ${latest.message}` : ''}` : ''}
        anchorOrigin={{ vertical: 'top', horizontal: 'right' }}
      />
    </>
  );
}
