import TuneIcon from '@mui/icons-material/Tune';
import {
  Box,
  Divider,
  IconButton,
  Popover,
  Stack,
  ToggleButton,
  ToggleButtonGroup,
  Tooltip,
  Typography,
} from '@mui/material';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePreferences } from '../preferences/preferences-context.tsx';
import type { UiPreferences } from '../preferences/preference-store.ts';
import { LanguageSelect } from './language-select.tsx';

/** Language, theme and density, in one panel of the top bar. */
export function SettingsMenu() {
  const { t } = useTranslation();
  const { prefs, update } = usePreferences();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const themeLabel = useId();
  const densityLabel = useId();
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
          <Box>
            <Typography id={themeLabel} variant="subtitle2" gutterBottom>
              {t('shell.theme')}
            </Typography>
            <ToggleButtonGroup
              exclusive
              fullWidth
              size="small"
              value={prefs.theme}
              aria-labelledby={themeLabel}
              onChange={(_, v: UiPreferences['theme'] | null) => v && update({ theme: v })}
            >
              <ToggleButton value="light">{t('shell.themeLight')}</ToggleButton>
              <ToggleButton value="dark">{t('shell.themeDark')}</ToggleButton>
              <ToggleButton value="system">{t('shell.themeSystem')}</ToggleButton>
            </ToggleButtonGroup>
          </Box>
          <Box>
            <Typography id={densityLabel} variant="subtitle2" gutterBottom>
              {t('shell.density')}
            </Typography>
            <ToggleButtonGroup
              exclusive
              fullWidth
              size="small"
              value={prefs.density}
              aria-labelledby={densityLabel}
              onChange={(_, v: UiPreferences['density'] | null) => v && update({ density: v })}
            >
              <ToggleButton value="comfortable">{t('shell.densityComfortable')}</ToggleButton>
              <ToggleButton value="compact">{t('shell.densityCompact')}</ToggleButton>
            </ToggleButtonGroup>
          </Box>
        </Stack>
      </Popover>
    </>
  );
}
