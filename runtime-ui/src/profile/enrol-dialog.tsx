import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import { isApiError } from '../api/api-error.ts';
import type { DataResponse } from '../api/api-types.ts';
import { PasswordDialog } from './password-dialog.tsx';
import type { Enrolment } from './profile-api.ts';

/**
 * Turning the second factor on: the password, then the QR code the engine draws (and the secret
 * for typing by hand), then a first code from the app. Answers the backup codes.
 */
export function EnrolDialog({ onDone, onClose }: { onDone: (backupCodes: string[]) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [code, setCode] = useState('');
  const enrol = useMutation({
    mutationFn: (body: { currentPassword: string }) =>
      api.post<DataResponse<Enrolment>>('/api/v1/auth/2fa/enrol', body).then((r) => r.data),
  });
  const confirm = useMutation({
    mutationFn: (c: string) =>
      api
        .post<DataResponse<{ backupCodes: string[] }>>('/api/v1/auth/2fa/confirm', { code: c })
        .then((r) => r.data.backupCodes),
    onSuccess: onDone,
  });
  if (!enrol.data) {
    return (
      <PasswordDialog
        title={t('profile.twoFactor.enrolTitle')}
        intro={<Typography>{t('profile.twoFactor.enrolIntro')}</Typography>}
        confirmLabel={t('profile.twoFactor.continue')}
        pending={enrol.isPending}
        error={enrol.error}
        onConfirm={({ currentPassword }) => enrol.mutate({ currentPassword })}
        onClose={onClose}
      />
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate(code.replace(/\s/g, ''));
  };
  const wrong = isApiError(confirm.error) && confirm.error.status === 422;
  return (
    <Dialog open onClose={onClose} aria-labelledby="enrol-title" maxWidth="sm" fullWidth>
      <form onSubmit={submit} noValidate>
        <DialogTitle id="enrol-title">{t('profile.twoFactor.enrolTitle')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <Typography>{t('profile.twoFactor.scan')}</Typography>
            <Box
              component="img"
              src={enrol.data.qrCode}
              alt={t('profile.twoFactor.qrAlt')}
              sx={{ width: 200, height: 200, alignSelf: 'center', bgcolor: '#fff', p: 1, borderRadius: 1 }}
            />
            <Typography variant="body2">
              {t('profile.twoFactor.manual')}{' '}
              <Box component="code" data-testid="totp-secret" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
                {enrol.data.secret}
              </Box>
            </Typography>
            {confirm.error && !wrong && <Alert severity="error">{confirm.error.message}</Alert>}
            <TextField
              label={t('profile.twoFactor.codeLabel')}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoComplete="one-time-code"
              required
              autoFocus
              error={wrong}
              helperText={wrong ? t('auth.codeInvalid') : ''}
              slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 8 } }}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={confirm.isPending || code.trim().length < 6}>
            {t('profile.twoFactor.turnOn')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
