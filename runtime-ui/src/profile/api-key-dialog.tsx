import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from './profile-api.ts';

export interface NewKey {
  name: string;
  scope: 'read' | 'write' | 'admin';
  expiresInDays?: number;
}

/** A new API key: a name, what it may do, how long it lasts (the engine's default when empty). */
export function ApiKeyDialog(props: {
  admin: boolean;
  pending: boolean;
  error: unknown;
  onCreate: (key: NewKey) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<NewKey['scope']>('read');
  const [days, setDays] = useState('');
  const daysNumber = days === '' ? undefined : Number(days);
  const badDays = daysNumber !== undefined && !(Number.isInteger(daysNumber) && daysNumber >= 1 && daysNumber <= 730);
  const other = props.error && !fieldError(props.error, 'name') ? (props.error as Error).message : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!badDays) props.onCreate({ name: name.trim(), scope, ...(daysNumber && { expiresInDays: daysNumber }) });
  };
  return (
    <Dialog open onClose={props.onClose} aria-labelledby="api-key-title" maxWidth="xs" fullWidth>
      <form onSubmit={submit} noValidate>
        <DialogTitle id="api-key-title">{t('profile.apiKeys.create')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {other && <Alert severity="error">{other}</Alert>}
            <TextField
              label={t('profile.apiKeys.name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              autoFocus
              error={!!fieldError(props.error, 'name')}
              helperText={fieldError(props.error, 'name') ?? t('profile.apiKeys.nameHint')}
              slotProps={{ htmlInput: { maxLength: 100 } }}
            />
            <TextField
              select
              label={t('profile.apiKeys.scope')}
              value={scope}
              onChange={(e) => setScope(e.target.value as NewKey['scope'])}
              helperText={t(`profile.apiKeys.scopeHint.${scope}`)}
            >
              <MenuItem value="read">{t('profile.apiKeys.scopes.read')}</MenuItem>
              <MenuItem value="write">{t('profile.apiKeys.scopes.write')}</MenuItem>
              {props.admin && <MenuItem value="admin">{t('profile.apiKeys.scopes.admin')}</MenuItem>}
            </TextField>
            <TextField
              type="number"
              label={t('profile.apiKeys.days')}
              value={days}
              onChange={(e) => setDays(e.target.value)}
              error={badDays}
              helperText={badDays ? t('profile.apiKeys.daysInvalid') : t('profile.apiKeys.daysHint')}
              slotProps={{ htmlInput: { min: 1, max: 730, step: 1 } }}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={props.pending || !name.trim() || badDays}>
            {t('profile.apiKeys.createButton')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
