import { TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import { AuthCard } from './auth-card.tsx';
import { authErrorMessage, fieldMessages } from './auth-messages.ts';
import { goHome, linkToken } from './link-token.ts';
import { SignInPage } from './sign-in-page.tsx';

/** Where a reset link leads: choose the new password, then sign in (second factor included). */
export function ResetPasswordPage({ onSignedIn = goHome }: { onSignedIn?: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const token = linkToken();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(token ? null : t('auth.missingToken'));
  const [field, setField] = useState<string | undefined>();
  const [done, setDone] = useState(false);
  if (done) return <SignInPage onSignedIn={onSignedIn} notice={t('auth.resetDone')} />;
  return (
    <AuthCard
      title={t('auth.resetTitle')}
      submit={t('auth.resetButton')}
      error={error}
      onSubmit={async () => {
        try {
          await api.post('/api/v1/auth/password/reset', { token, newPassword: password }, { anonymous: true });
          setDone(true);
        } catch (e) {
          const f = fieldMessages(e);
          setField(f.newPassword ?? f.password);
          setError(authErrorMessage(e, t));
        }
      }}
    >
      <TextField
        label={t('auth.resetLabel')}
        type="password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        autoComplete="new-password"
        required
        autoFocus
        error={!!field}
        helperText={field ?? t('auth.passwordHint')}
      />
    </AuthCard>
  );
}
