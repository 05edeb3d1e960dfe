import MoreVertIcon from '@mui/icons-material/MoreVert';
import { Alert, IconButton, Menu, MenuItem, Snackbar } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { exportUrl } from '../api/designer-api.ts';
import type { AdminBundle } from '../api/designer-types.ts';
import { dkeys, useDesignerApi } from '../api/queries.ts';
import { errorMessage } from '../components/error-message.ts';
import { useDesignerT } from '../i18n/i18n.ts';
import { UninstallDialog } from './uninstall-dialog.tsx';

/** One bundle's actions, in a menu: open, history, (de)activate, export, uninstall. */
export function BundleActions({ bundle }: { bundle: AdminBundle }) {
  const t = useDesignerT();
  const d = useDesignerApi();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [uninstalling, setUninstalling] = useState(false);
  const active = bundle.status === 'active';
  const toggle = useMutation({
    mutationFn: () => (active ? d.deactivate(bundle.name) : d.activate(bundle.name)),
    onSettled: () => qc.invalidateQueries({ queryKey: dkeys.bundles }),
  });
  const close = () => setAnchor(null);
  const applied = bundle.status !== 'draft';

  return (
    <>
      <IconButton
        aria-label={t('bundles.actionsFor', { name: bundle.name })}
        aria-haspopup="menu"
        onClick={(e) => setAnchor(e.currentTarget)}
      >
        <MoreVertIcon />
      </IconButton>
      <Menu anchorEl={anchor} open={!!anchor} onClose={close}>
        <MenuItem onClick={() => navigate(`/bundles/${encodeURIComponent(bundle.name)}`)}>{t('bundles.open')}</MenuItem>
        <MenuItem onClick={() => navigate(`/bundles/${encodeURIComponent(bundle.name)}/history`)}>
          {t('bundles.history')}
        </MenuItem>
        {applied && (
          <MenuItem
            onClick={() => {
              close();
              toggle.mutate();
            }}
          >
            {active ? t('bundles.deactivate') : t('bundles.activate')}
          </MenuItem>
        )}
        {applied && (
          <MenuItem component="a" href={exportUrl(bundle.name)} download onClick={close}>
            {t('bundles.export')}
          </MenuItem>
        )}
        {applied && (
          <MenuItem component="a" href={exportUrl(bundle.name, { seed: true })} download onClick={close}>
            {t('bundles.exportWithSeed')}
          </MenuItem>
        )}
        {bundle.draft && (
          <MenuItem component="a" href={exportUrl(bundle.name, { draft: true })} download onClick={close}>
            {t('bundles.exportDraft')}
          </MenuItem>
        )}
        {applied && (
          <MenuItem
            onClick={() => {
              close();
              setUninstalling(true);
            }}
            sx={{ color: 'error.main' }}
          >
            {t('bundles.uninstall')}
          </MenuItem>
        )}
      </Menu>
      {uninstalling && <UninstallDialog bundle={bundle} onClose={() => setUninstalling(false)} />}
      <Snackbar open={toggle.isError} autoHideDuration={8000} onClose={() => toggle.reset()}>
        <Alert severity="error" onClose={() => toggle.reset()}>
          {errorMessage(toggle.error, t)}
        </Alert>
      </Snackbar>
    </>
  );
}
