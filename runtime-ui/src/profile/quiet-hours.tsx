import { Autocomplete, FormControlLabel, MenuItem, Stack, Switch, TextField } from '@mui/material';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreferencesForm } from './notification-preferences.ts';

const zones = () => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
};

/** Do-not-disturb hours, the zone they are read in, and the digest. */
export function QuietHours(props: {
  form: PreferencesForm;
  profileZone: string | undefined;
  errors: Record<string, string>;
  onChange: (patch: Partial<PreferencesForm>) => void;
}) {
  const { t, i18n } = useTranslation();
  const { form, errors } = props;
  const options = useMemo(zones, []);
  const weekdays = useMemo(() => {
    const f = new Intl.DateTimeFormat(i18n.language, { weekday: 'long', timeZone: 'UTC' });
    // 2024-01-01 was a Monday: weekday 1.
    return [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: f.format(new Date(Date.UTC(2024, 0, d))) }));
  }, [i18n.language]);
  return (
    <Stack spacing={2}>
      <FormControlLabel
        control={<Switch checked={form.dndOn} onChange={(e) => props.onChange({ dndOn: e.target.checked })} />}
        label={t('notificationPrefs.dnd')}
      />
      {form.dndOn && (
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField
            type="time"
            label={t('notificationPrefs.dndStart')}
            value={form.dndStart}
            onChange={(e) => props.onChange({ dndStart: e.target.value })}
            error={!!errors.dndStart}
            helperText={errors.dndStart}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            type="time"
            label={t('notificationPrefs.dndEnd')}
            value={form.dndEnd}
            onChange={(e) => props.onChange({ dndEnd: e.target.value })}
            error={!!errors.dndEnd}
            helperText={errors.dndEnd ?? (form.dndStart > form.dndEnd ? t('notificationPrefs.overnight') : '')}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        </Stack>
      )}
      <Autocomplete
        options={options}
        value={form.timeZone || null}
        onChange={(_, v) => props.onChange({ timeZone: v ?? '' })}
        renderInput={(params) => (
          <TextField
            {...params}
            label={t('notificationPrefs.timeZone')}
            error={!!errors.timeZone}
            helperText={errors.timeZone ?? t('notificationPrefs.timeZoneHint', { zone: props.profileZone ?? 'UTC' })}
          />
        )}
      />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          select
          label={t('notificationPrefs.digest')}
          value={form.digest.frequency}
          onChange={(e) =>
            props.onChange({
              digest: { ...form.digest, frequency: e.target.value as PreferencesForm['digest']['frequency'] },
            })
          }
          sx={{ minWidth: 180 }}
          error={!!errors.digest}
          helperText={errors.digest}
        >
          <MenuItem value="off">{t('notificationPrefs.digestOff')}</MenuItem>
          <MenuItem value="daily">{t('notificationPrefs.digestDaily')}</MenuItem>
          <MenuItem value="weekly">{t('notificationPrefs.digestWeekly')}</MenuItem>
        </TextField>
        {form.digest.frequency === 'weekly' && (
          <TextField
            select
            label={t('notificationPrefs.weekday')}
            value={form.digest.weekday}
            onChange={(e) => props.onChange({ digest: { ...form.digest, weekday: Number(e.target.value) } })}
            sx={{ minWidth: 160 }}
          >
            {weekdays.map((d) => (
              <MenuItem key={d.value} value={d.value}>
                {d.label}
              </MenuItem>
            ))}
          </TextField>
        )}
        {form.digest.frequency !== 'off' && (
          <TextField
            select
            label={t('notificationPrefs.hour')}
            value={form.digest.hour}
            onChange={(e) => props.onChange({ digest: { ...form.digest, hour: Number(e.target.value) } })}
            sx={{ minWidth: 120 }}
          >
            {Array.from({ length: 24 }, (_, h) => (
              <MenuItem key={h} value={h}>
                {`${String(h).padStart(2, '0')}:00`}
              </MenuItem>
            ))}
          </TextField>
        )}
      </Stack>
    </Stack>
  );
}
