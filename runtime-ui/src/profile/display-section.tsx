import { Autocomplete, Box, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import type { Me } from '../api/api-types.ts';
import { keys } from '../api/queries.ts';
import { usePreferences } from '../preferences/preferences-context.tsx';
import type { UiPreferences } from '../preferences/preference-store.ts';
import { LanguageSelect } from '../shell/language-select.tsx';
import { fieldError } from './profile-api.ts';
import { ProfileSection } from './profile-section.tsx';

const zones = () => {
  try {
    return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  } catch {
    return ['UTC'];
  }
};

/**
 * Language, theme and density (kept with the user's preferences, like the top bar's panel), and
 * the profile's time zone: dates, do-not-disturb and digests follow it.
 */
export function DisplaySection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const api = useApi();
  const qc = useQueryClient();
  const { prefs, update } = usePreferences();
  const themeLabel = useId();
  const densityLabel = useId();
  const options = useMemo(zones, []);
  const saveZone = useMutation({
    mutationFn: (timeZone: string) => api.patch('/api/v1/auth/me', { timeZone }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.me }),
  });
  return (
    <ProfileSection title={t('profile.display.title')}>
      <Stack spacing={3} sx={{ maxWidth: 480 }}>
        <LanguageSelect fullWidth />
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
        <Autocomplete
          options={options}
          value={me.timeZone ?? null}
          disableClearable={!!me.timeZone}
          onChange={(_, v) => v && saveZone.mutate(v)}
          renderInput={(params) => (
            <TextField
              {...params}
              label={t('profile.display.timeZone')}
              error={!!saveZone.error}
              helperText={
                fieldError(saveZone.error, 'timeZone') ??
                (saveZone.isSuccess ? t('profile.display.timeZoneSaved') : t('profile.display.timeZoneHint'))
              }
            />
          )}
        />
      </Stack>
    </ProfileSection>
  );
}
