import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/api-error.ts';
import { fieldError } from './profile-api.ts';

interface PasswordDialogProps {
  title: string;
  intro?: ReactNode;
  confirmLabel: string;
  /** Also ask for a code from the authenticator app (or a backup code). */
  askCode?: boolean;
  pending: boolean;
  error: unknown;
  onConfirm: (input: { currentPassword: string; code?: string; backupCode?: string }) => void;
  onClose: () => void;
}

/** Confirms a sensitive change with the current password (and a code when the engine asks one). */
export function PasswordDialog(props: PasswordDialogProps) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const wrongPassword = isApiError(props.error) && props.error.code === 'reauthentication_failed';
  const wrongCode = isApiError(props.error) && props.error.code === 'second_factor_invalid';
  const other = props.error && !wrongPassword && !wrongCode ? (props.error as Error).message : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c = code.replace(/\s/g, '');
    props.onConfirm({
      currentPassword: password,
      ...(props.askCode && (/^\d{6}$/.test(c) ? { code: c } : { backupCode: code.trim() })),
    });
  };
  return (
    <Dialog open onClose={props.onClose} aria-labelledby="password-dialog-title" maxWidth="xs" fullWidth>
      <form onSubmit={submit} noValidate>
        <DialogTitle id="password-dialog-title">{props.title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {props.intro}
            {other && <Alert severity="error">{other}</Alert>}
            <TextField
              type="password"
              label={t('profile.currentPassword')}
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
              autoFocus
              error={wrongPassword}
              helperText={
                wrongPassword ? (fieldError(props.error, 'currentPassword') ?? t('profile.wrongPassword')) : ''
              }
            />
            {props.askCode && (
              <TextField
                label={t('auth.code')}
                autoComplete="one-time-code"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                required
                error={wrongCode}
                helperText={wrongCode ? t('auth.codeInvalid') : ''}
                slotProps={{ htmlInput: { inputMode: 'text', spellCheck: false } }}
              />
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={props.pending || !password || (props.askCode && !code)}>
            {props.confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
