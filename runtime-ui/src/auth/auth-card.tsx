import { Alert, Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { useState, type FormEvent, type ReactNode } from 'react';
import { LanguageSelect } from '../shell/language-select.tsx';

interface AuthCardProps {
  title: string;
  /** Shown under the title. */
  intro?: ReactNode;
  submit: string;
  onSubmit: () => Promise<void>;
  error?: string | null;
  notice?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}

/** The frame of every account page: a titled card with one form and one place for errors. */
export function AuthCard({ title, intro, submit, onSubmit, error, notice, children, footer }: AuthCardProps) {
  const [busy, setBusy] = useState(false);
  const handle = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    onSubmit().finally(() => setBusy(false));
  };
  return (
    <Box
      component="main"
      sx={{ minHeight: '100dvh', display: 'grid', placeItems: 'center', p: 2, bgcolor: 'background.default' }}
    >
      <Card sx={{ width: '100%', maxWidth: 440 }} variant="outlined">
        <CardContent sx={{ p: { xs: 2, sm: 4 } }}>
          <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 2 }}>
            <Typography component="p" variant="h6" sx={{ fontWeight: 700, color: 'primary.main' }}>
              OpsFlux
            </Typography>
            <LanguageSelect />
          </Stack>
          <form onSubmit={handle} noValidate>
            <Stack spacing={2}>
              <Typography component="h1" variant="h5">
                {title}
              </Typography>
              {intro && <Typography color="text.secondary">{intro}</Typography>}
              {notice}
              {children}
              {error && <Alert severity="error">{error}</Alert>}
              <Button type="submit" variant="contained" size="large" disabled={busy}>
                {submit}
              </Button>
              {footer}
            </Stack>
          </form>
        </CardContent>
      </Card>
    </Box>
  );
}

/** A success or information message that is not an error (no alert role, no urgency). */
export function AuthNotice({ children, severity = 'success' }: { children: ReactNode; severity?: 'success' | 'info' }) {
  return (
    <Alert severity={severity} role="status">
      {children}
    </Alert>
  );
}
