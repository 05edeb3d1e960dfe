import { Alert, Button, Stack, TextField } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import { isApiError } from '../api/api-error.ts';
import { keys } from '../api/queries.ts';
import { fieldError } from './profile-api.ts';
import { ProfileSection } from './profile-section.tsx';

/** A new sign-in address, confirmed with the current password; one another account uses is refused. */
export function EmailSection({ email }: { email: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const qc = useQueryClient();
  const [next, setNext] = useState('');
  const [password, setPassword] = useState('');
  const change = useMutation({
    mutationFn: () => api.post('/api/v1/auth/email/change', { newEmail: next.trim(), currentPassword: password }),
    onSuccess: () => {
      setNext('');
      setPassword('');
      void qc.invalidateQueries({ queryKey: keys.me });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate();
  };
  const wrongPassword = isApiError(change.error) && change.error.code === 'reauthentication_failed';
  const emailError = fieldError(change.error, 'newEmail');
  const other = change.error && !wrongPassword && !emailError ? change.error.message : null;
  return (
    <ProfileSection title={t('profile.email.title')} subheader={email}>
      <Stack component="form" spacing={2} onSubmit={submit} noValidate sx={{ maxWidth: 480 }}>
        {change.isSuccess && <Alert severity="success">{t('profile.email.changed')}</Alert>}
        {other && <Alert severity="error">{other}</Alert>}
        <TextField
          type="email"
          label={t('profile.email.new')}
          autoComplete="email"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          required
          error={!!emailError}
          helperText={emailError}
        />
        <TextField
          type="password"
          label={t('profile.currentPassword')}
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          error={wrongPassword}
          helperText={wrongPassword ? t('profile.wrongPassword') : ''}
        />
        <div>
          <Button type="submit" variant="contained" disabled={change.isPending || !next.trim() || !password}>
            {t('profile.email.change')}
          </Button>
        </div>
      </Stack>
    </ProfileSection>
  );
}
