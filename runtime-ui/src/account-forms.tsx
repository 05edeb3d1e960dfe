import { useState, type FormEvent, type ReactNode } from 'react';

import './account-forms.css';

/**
 * The account pages the engine's links lead to — sign in (with a second factor), accept an
 * invitation, choose a new password — in their plainest form, so `npm start` works end to end
 * in a browser. The full runtime UI replaces them with its own screens.
 */

interface ApiError {
  error?: { code?: string; message?: string; details?: { path: string; message: string }[] };
}

/** The CSRF token the engine set for this browser session, echoed on every change. */
export function csrfToken(): string | undefined {
  return document.cookie
    .split('; ')
    .find((c) => c.startsWith('opsflux_csrf='))
    ?.slice('opsflux_csrf='.length);
}

async function post(url: string, body: object): Promise<{ status: number; body: unknown }> {
  const csrf = csrfToken();
  const res = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...(csrf && { 'x-csrf-token': csrf }) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => ({})) };
}

function messageOf(body: unknown): string {
  const e = (body as ApiError).error;
  const details = e?.details?.map((d) => d.message).join(' ') ?? '';
  return [e?.message, details].filter(Boolean).join(': ') || 'Something went wrong';
}

function Form({
  title,
  onSubmit,
  children,
  error,
  submit,
}: {
  title: string;
  onSubmit: () => Promise<void>;
  children: ReactNode;
  error: string | null;
  submit: string;
}) {
  const [busy, setBusy] = useState(false);
  const handle = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    onSubmit().finally(() => setBusy(false));
  };
  return (
    <form className="account" onSubmit={handle}>
      <h2>{title}</h2>
      {children}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {submit}
      </button>
    </form>
  );
}

function Field(props: { label: string; type?: string; value: string; onChange: (v: string) => void; auto?: string }) {
  return (
    <label>
      {props.label}
      <input
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.auto}
        required
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

/** Password, then a TOTP or backup code when the account has a second factor. */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (challenge) {
    return (
      <Form
        title="Second factor"
        submit="Verify"
        error={error}
        onSubmit={async () => {
          const backup = code.includes('-');
          const res = await post('/api/v1/auth/login/second-factor', {
            challenge,
            client: 'browser',
            ...(backup ? { backupCode: code } : { code }),
          });
          if (res.status === 200) onSignedIn();
          else setError(messageOf(res.body));
        }}
      >
        <Field
          label="Code from your authenticator app, or a backup code"
          value={code}
          onChange={setCode}
          auto="one-time-code"
        />
      </Form>
    );
  }
  return (
    <Form
      title="Sign in"
      submit="Sign in"
      error={error}
      onSubmit={async () => {
        const res = await post('/api/v1/auth/login', { email, password, client: 'browser' });
        if (res.status === 202) setChallenge((res.body as { data: { challenge: string } }).data.challenge);
        else if (res.status === 200) onSignedIn();
        else setError(messageOf(res.body));
      }}
    >
      <Field label="E-mail" type="email" value={email} onChange={setEmail} auto="username" />
      <Field label="Password" type="password" value={password} onChange={setPassword} auto="current-password" />
    </Form>
  );
}

const tokenInUrl = () => new URLSearchParams(window.location.search).get('token') ?? '';

/** Where an invitation link leads: create the account, then sign in. */
export function AcceptInvitation() {
  const [form, setForm] = useState({ email: '', firstName: '', lastName: '', password: '' });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const set = (k: keyof typeof form) => (v: string) => setForm({ ...form, [k]: v });
  if (done) return <SignIn onSignedIn={() => window.location.assign('/')} />;
  return (
    <Form
      title="Create your account"
      submit="Create the account"
      error={error}
      onSubmit={async () => {
        const res = await post('/api/v1/auth/invitations/accept', { token: tokenInUrl(), ...form });
        if (res.status === 201) setDone(true);
        else setError(messageOf(res.body));
      }}
    >
      <Field label="E-mail" type="email" value={form.email} onChange={set('email')} auto="username" />
      <Field label="First name" value={form.firstName} onChange={set('firstName')} auto="given-name" />
      <Field label="Last name" value={form.lastName} onChange={set('lastName')} auto="family-name" />
      <Field
        label="Password (12 characters or more)"
        type="password"
        value={form.password}
        onChange={set('password')}
        auto="new-password"
      />
    </Form>
  );
}

/** Where a reset link leads: choose the new password, then sign in. */
export function ResetPassword() {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  if (done) return <SignIn onSignedIn={() => window.location.assign('/')} />;
  return (
    <Form
      title="Choose a new password"
      submit="Save the password"
      error={error}
      onSubmit={async () => {
        const res = await post('/api/v1/auth/password/reset', { token: tokenInUrl(), newPassword: password });
        if (res.status === 204) setDone(true);
        else setError(messageOf(res.body));
      }}
    >
      <Field
        label="New password (12 characters or more)"
        type="password"
        value={password}
        onChange={setPassword}
        auto="new-password"
      />
    </Form>
  );
}

/** The account page a link points at, if the address is one. */
export function accountPage(): ReactNode | undefined {
  const path = window.location.pathname.replace(/\/+$/, '');
  if (path === '/invitation') return <AcceptInvitation />;
  if (path === '/reset-password') return <ResetPassword />;
  return undefined;
}
