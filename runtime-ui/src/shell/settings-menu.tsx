import TuneIcon from '@mui/icons-material/Tune';
import { Divider, IconButton, Popover, Stack, Tooltip } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DisplayChoices } from './display-choices.tsx';
import { LanguageSelect } from './language-select.tsx';

/** Language, theme and density, in one panel of the top bar. */
export function SettingsMenu() {
  const { t } = useTranslation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  return (
    <>
      <Tooltip title={t('shell.settings')}>
        <IconButton
          color="inherit"
          aria-label={t('shell.settings')}
          aria-haspopup="dialog"
          onClick={(e) => setAnchor(e.currentTarget)}
        >
          <TuneIcon />
        </IconButton>
      </Tooltip>
      <Popover
        open={!!anchor}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{ paper: { role: 'dialog', 'aria-label': t('shell.settings') } }}
      >
        <Stack spacing={2} sx={{ p: 2, width: 300 }}>
          <LanguageSelect fullWidth />
          <Divider />
          <DisplayChoices />
        </Stack>
      </Popover>
    </>
  );
}
