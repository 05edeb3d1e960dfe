import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Chip,
  MenuItem,
  Skeleton,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import { isApiError } from '../api/api-error.ts';
import { useMe } from '../api/queries.ts';
import { useCrumbs } from '../shell/page-crumbs.tsx';
import { CategoryRows } from './category-rows.tsx';
import {
  checkForm,
  formFieldOf,
  toForm,
  toPreferences,
  type NotificationPreferences,
  type PreferencesForm,
} from './notification-preferences.ts';
import { profileKeys } from './profile-api.ts';
import { ProfileSection } from './profile-section.tsx';
import { QuietHours } from './quiet-hours.tsx';

const PATH = '/api/v1/notifications/preferences';
const unwrap = (r: NotificationPreferences | { data: NotificationPreferences }) => ('data' in r ? r.data : r);

/** What the user is told, how and when: channels per category, mutes, priority, quiet hours, digest. */
export function NotificationPreferencesPage() {
  const { t } = useTranslation();
  const api = useApi();
  const qc = useQueryClient();
  const me = useMe();
  useCrumbs([{ label: t('profile.title'), to: '/profile' }, { label: t('notificationPrefs.title') }]);
  const prefs = useQuery({
    queryKey: profileKeys.notificationPreferences,
    queryFn: ({ signal }) =>
      api.get<NotificationPreferences | { data: NotificationPreferences }>(PATH, { signal }).then(unwrap),
  });
  const [form, setForm] = useState<PreferencesForm | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (prefs.data && !form) setForm(toForm(prefs.data));
  }, [prefs.data, form]);
  const save = useMutation({
    mutationFn: (body: NotificationPreferences) =>
      api.put<NotificationPreferences | { data: NotificationPreferences }>(PATH, body).then(unwrap),
    onSuccess: (saved) => {
      qc.setQueryData(profileKeys.notificationPreferences, saved);
      setForm(toForm(saved));
    },
    onError: (e) => {
      if (!isApiError(e) || !form) return;
      setErrors(Object.fromEntries(e.details.map((d) => [formFieldOf(d.path, form), d.message])));
    },
  });
  if (prefs.isPending || !form)
    return prefs.error ? <Alert severity="error">{prefs.error.message}</Alert> : <Skeleton height={240} />;
  const change = (patch: Partial<PreferencesForm>) => {
    setForm({ ...form, ...patch });
    save.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems = checkForm(form);
    setErrors(Object.fromEntries(problems.map((p) => [p.field, t(`notificationPrefs.problem.${p.code}`)])));
    if (problems.length === 0) save.mutate(toPreferences(form));
  };
  const mutedError = Object.entries(errors).find(([k]) => k.startsWith('muted'))?.[1];
  return (
    <Box component="form" onSubmit={submit} noValidate sx={{ maxWidth: 900 }}>
      <Typography component="h1" variant="h4" gutterBottom>
        {t('notificationPrefs.title')}
      </Typography>
      <Stack spacing={2}>
        {save.isSuccess && <Alert severity="success">{t('notificationPrefs.saved')}</Alert>}
        {save.error && <Alert severity="error">{save.error.message}</Alert>}
        <ProfileSection title={t('notificationPrefs.channelsTitle')} subheader={t('notificationPrefs.channelsHint')}>
          <CategoryRows rows={form.rows} errors={errors} onChange={(rows) => change({ rows })} />
        </ProfileSection>
        <ProfileSection title={t('notificationPrefs.filterTitle')}>
          <Stack spacing={2}>
            <Autocomplete
              multiple
              freeSolo
              options={[] as string[]}
              value={form.muted}
              onChange={(_, v) => change({ muted: v.map((m) => m.trim().toLowerCase()).filter(Boolean) })}
              renderValue={(value, getItemProps) =>
                value.map((option, index) => {
                  const { key, ...itemProps } = getItemProps({ index });
                  return <Chip key={key} label={option} {...itemProps} />;
                })
              }
              renderInput={(params) => (
                <TextField
                  {...params}
                  label={t('notificationPrefs.muted')}
                  error={!!mutedError}
                  helperText={mutedError ?? t('notificationPrefs.mutedHint')}
                />
              )}
            />
            <TextField
              select
              label={t('notificationPrefs.minPriority')}
              value={form.minPriority}
              onChange={(e) => change({ minPriority: Number(e.target.value) })}
              helperText={t('notificationPrefs.urgentAlways')}
              sx={{ maxWidth: 320 }}
            >
              {[0, 1, 2, 3].map((p) => (
                <MenuItem key={p} value={p}>
                  {t(`notificationPrefs.priority.${p}`)}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
        </ProfileSection>
        <ProfileSection title={t('notificationPrefs.whenTitle')}>
          <QuietHours form={form} profileZone={me.data?.timeZone} errors={errors} onChange={change} />
        </ProfileSection>
        <div>
          <Button type="submit" variant="contained" size="large" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </Button>
        </div>
      </Stack>
    </Box>
  );
}
