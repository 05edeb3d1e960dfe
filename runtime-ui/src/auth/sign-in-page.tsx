import { Button, Checkbox, FormControlLabel, Link, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import { isApiError } from '../api/api-error.ts';
import { AuthCard, AuthNotice } from './auth-card.tsx';
import { authErrorMessage } from './auth-messages.ts';

interface SignedIn {
  data: { csrfToken?: string; secondFactorRequired?: boolean; challenge?: string };
}

/** Password, then a TOTP or a backup code when the account has a second factor. */
export function SignInPage({ onSignedIn, notice }: { onSignedIn: () => void; notice?: string | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [trustDevice, setTrustDevice] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const finish = (body: SignedIn) => {
    api.rememberCsrf(body.data.csrfToken);
    onSignedIn();
  };

  if (challenge) {
    const secondStep = async () => {
      const trimmed = code.trim();
      // Backup codes hold a dash or letters; TOTP codes are six digits.
      const backup = !/^\d{6}$/.test(trimmed);
      try {
        const body = await api.post<SignedIn>(
          '/api/v1/auth/login/second-factor',
          { challenge, client: 'browser', trustDevice, ...(backup ? { backupCode: trimmed } : { code: trimmed }) },
          { anonymous: true },
        );
        finish(body);
      } catch (e) {
        if (isApiError(e) && e.code === 'challenge_invalid') setChallenge(null);
        setError(authErrorMessage(e, t));
      }
    };
    return (
      <AuthCard
        title={t('auth.secondFactorTitle')}
        intro={t('auth.secondFactorHelp')}
        submit={t('auth.verify')}
        error={error}
        onSubmit={secondStep}
        footer={
          <Button variant="text" onClick={() => setChallenge(null)}>
            {t('auth.startOver')}
          </Button>
        }
      >
        <TextField
          label={t('auth.code')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="one-time-code"
          autoFocus
          required
          slotProps={{ htmlInput: { inputMode: code.includes('-') ? 'text' : 'numeric', maxLength: 20 } }}
        />
        <FormControlLabel
          control={<Checkbox checked={trustDevice} onChange={(e) => setTrustDevice(e.target.checked)} />}
          label={t('auth.trustDevice')}
        />
      </AuthCard>
    );
  }

  const firstStep = async () => {
    try {
      const body = await api.post<SignedIn>(
        '/api/v1/auth/login',
        { email, password, client: 'browser' },
        { anonymous: true },
      );
      if (body.data.secondFactorRequired && body.data.challenge) {
        setError(null);
        setCode('');
        setChallenge(body.data.challenge);
      } else finish(body);
    } catch (e) {
      setError(authErrorMessage(e, t));
    }
  };
  return (
    <AuthCard
      title={t('auth.signInTitle')}
      submit={t('auth.signInButton')}
      error={error}
      notice={notice ? <AuthNotice severity="info">{notice}</AuthNotice> : undefined}
      onSubmit={firstStep}
      footer={
        <Link href="/forgot-password" variant="body2" sx={{ alignSelf: 'center' }}>
          {t('auth.forgotLink')}
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
      <TextField
        label={t('auth.password')}
        type="password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        autoComplete="current-password"
        required
      />
    </AuthCard>
  );
}
