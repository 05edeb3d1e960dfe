import { Autocomplete, Stack, TextField } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import type { Me } from '../api/api-types.ts';
import { keys } from '../api/queries.ts';
import { DisplayChoices } from '../shell/display-choices.tsx';
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
  const options = useMemo(zones, []);
  const saveZone = useMutation({
    mutationFn: (timeZone: string) => api.patch('/api/v1/auth/me', { timeZone }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.me }),
  });
  return (
    <ProfileSection title={t('profile.display.title')}>
      <Stack spacing={3} sx={{ maxWidth: 480 }}>
        <LanguageSelect fullWidth />
        <DisplayChoices />
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
