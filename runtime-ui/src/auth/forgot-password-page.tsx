import { Link, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import { AuthCard, AuthNotice } from './auth-card.tsx';
import { authErrorMessage } from './auth-messages.ts';

/** Asks for a reset link. The engine answers the same whether the account exists or not. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <AuthCard
      title={t('auth.forgotTitle')}
      intro={t('auth.forgotHelp')}
      submit={t('auth.forgotButton')}
      error={error}
      notice={sent ? <AuthNotice>{t('auth.forgotSent')}</AuthNotice> : undefined}
      onSubmit={async () => {
        try {
          await api.post('/api/v1/auth/password/forgot', { email }, { anonymous: true });
          setError(null);
          setSent(true);
        } catch (e) {
          setError(authErrorMessage(e, t));
        }
      }}
      footer={
        <Link href="/" variant="body2" sx={{ alignSelf: 'center' }}>
          {t('auth.backToSignIn')}
        </Link>
      }
    >
      <TextField
        label={t('auth.email')}
        type="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        autoComplete="username"
        required
        autoFocus
      />
    </AuthCard>
  );
}
