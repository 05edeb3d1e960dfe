import { Alert, Button, Stack, TextField } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import { isApiError } from '../api/api-error.ts';
import { fieldError, profileKeys } from './profile-api.ts';
import { ProfileSection } from './profile-section.tsx';

/** A new password: the current one first; the engine's rules answer on the new one's field. */
export function PasswordSection({ onChanged }: { onChanged?: () => void } = {}) {
  const { t } = useTranslation();
  const api = useApi();
  const qc = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: () => api.post('/api/v1/auth/password/change', { currentPassword: current, newPassword: next }),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setAgain('');
      // The engine ended the other sessions.
      void qc.invalidateQueries({ queryKey: profileKeys.sessions });
      onChanged?.();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMismatch(next !== again);
    if (next === again) change.mutate();
  };
  const wrongCurrent = isApiError(change.error) && change.error.code === 'reauthentication_failed';
  const newError = fieldError(change.error, 'newPassword');
  const other = change.error && !wrongCurrent && !newError ? change.error.message : null;
  return (
    <ProfileSection title={t('profile.password.title')}>
      <Stack component="form" spacing={2} onSubmit={submit} noValidate sx={{ maxWidth: 480 }}>
        {change.isSuccess && <Alert severity="success">{t('profile.password.changed')}</Alert>}
        {other && <Alert severity="error">{other}</Alert>}
        <TextField
          type="password"
          label={t('profile.currentPassword')}
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          required
          error={wrongCurrent}
          helperText={wrongCurrent ? t('profile.wrongPassword') : ''}
        />
        <TextField
          type="password"
          label={t('auth.resetLabel')}
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          required
          error={!!newError}
          helperText={newError ?? t('auth.passwordHint')}
        />
        <TextField
          type="password"
          label={t('profile.password.again')}
          autoComplete="new-password"
          value={again}
          onChange={(e) => setAgain(e.target.value)}
          required
          error={mismatch}
          helperText={mismatch ? t('profile.password.mismatch') : ''}
        />
        <div>
          <Button type="submit" variant="contained" disabled={change.isPending || !current || !next || !again}>
            {t('profile.password.change')}
          </Button>
        </div>
      </Stack>
    </ProfileSection>
  );
}
