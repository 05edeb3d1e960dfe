import { TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import { AuthCard } from './auth-card.tsx';
import { authErrorMessage, fieldMessages } from './auth-messages.ts';
import { goHome, linkToken } from './link-token.ts';
import { SignInPage } from './sign-in-page.tsx';

interface InvitationInfo {
  email: string | null;
  company: string | null;
}

/** Where an invitation link leads: create the account (the link may fix the e-mail), then sign in. */
export function AcceptInvitationPage({ onSignedIn = goHome }: { onSignedIn?: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const token = linkToken();
  const [form, setForm] = useState({ email: '', firstName: '', lastName: '', password: '' });
  const [fixedEmail, setFixedEmail] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(token ? null : t('auth.missingToken'));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);

  useEffect(() => {
    if (!token) return;
    api
      .get<{ data: InvitationInfo }>(`/api/v1/auth/invitations/${encodeURIComponent(token)}`, { anonymous: true })
      .then((r) => {
        if (r.data.email) setFixedEmail(r.data.email);
      })
      .catch((e: unknown) => setError(authErrorMessage(e, t)));
  }, [api, token, t]);

  if (done) return <SignInPage onSignedIn={onSignedIn} notice={t('auth.accountCreated')} />;
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <AuthCard
      title={t('auth.invitationTitle')}
      submit={t('auth.invitationButton')}
      error={error}
      onSubmit={async () => {
        try {
          await api.post(
            '/api/v1/auth/invitations/accept',
            { token, ...form, email: fixedEmail ?? form.email },
            { anonymous: true },
          );
          setDone(true);
        } catch (e) {
          setFields(fieldMessages(e));
          setError(authErrorMessage(e, t));
        }
      }}
    >
      <TextField
        label={t('auth.email')}
        type="email"
        value={fixedEmail ?? form.email}
        onChange={set('email')}
        autoComplete="username"
        required
        slotProps={{ htmlInput: { readOnly: !!fixedEmail } }}
        error={!!fields.email}
        helperText={fields.email}
      />
      <TextField
        label={t('auth.firstName')}
        value={form.firstName}
        onChange={set('firstName')}
        autoComplete="given-name"
        required
        error={!!fields.firstName}
        helperText={fields.firstName}
      />
      <TextField
        label={t('auth.lastName')}
        value={form.lastName}
        onChange={set('lastName')}
        autoComplete="family-name"
        required
        error={!!fields.lastName}
        helperText={fields.lastName}
      />
      <TextField
        label={t('auth.newPasswordLabel')}
        type="password"
        value={form.password}
        onChange={set('password')}
        autoComplete="new-password"
        required
        error={!!fields.password}
        helperText={fields.password ?? t('auth.passwordHint')}
      />
    </AuthCard>
  );
}
