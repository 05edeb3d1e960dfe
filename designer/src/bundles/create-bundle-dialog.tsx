import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { BUNDLE_NAME_PATTERN, MAX_BUNDLE_NAME } from '@opsflux/definitions';
import { currentLanguage } from '@opsflux/runtime-ui/i18n';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { dkeys, useDesignerApi } from '../api/queries.ts';
import { errorMessage } from '../components/error-message.ts';
import { useDesignerT } from '../i18n/i18n.ts';

const NAME = new RegExp(BUNDLE_NAME_PATTERN);
const validName = (n: string) => NAME.test(n) && n.length <= MAX_BUNDLE_NAME;

/** `a_b 1.0.0, c ^2` → `{ a_b: '1.0.0', c: '^2' }`; null when a part is not "name range". */
export function parseDependencies(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, range, ...rest] = part.split(/\s+/);
    if (!name || !validName(name) || rest.length) return null;
    out[name] = range ?? '*';
  }
  return out;
}

/** A new bundle: its name, its title in the admin's language, what it builds on. Opens its draft. */
export function CreateBundleDialog({ onClose }: { onClose: () => void }) {
  const t = useDesignerT();
  const d = useDesignerApi();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const titleId = useId();
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [deps, setDeps] = useState('');
  const parsedDeps = parseDependencies(deps);
  const nameOk = validName(name);
  const create = useMutation({
    mutationFn: () =>
      d.createBundle({
        name,
        title: { [currentLanguage()]: title, ...(currentLanguage() !== 'en' && { en: title }) },
        ...(parsedDeps && Object.keys(parsedDeps).length > 0 && { dependencies: parsedDeps }),
      }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: dkeys.bundles });
      navigate(`/bundles/${encodeURIComponent(name)}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (nameOk && title.trim() && parsedDeps) create.mutate();
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{t('create.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              label={t('create.name')}
              value={name}
              onChange={(e) => setName(e.target.value.trim())}
              required
              autoFocus
              error={name !== '' && !nameOk}
              helperText={t('create.nameHelp')}
              slotProps={{ htmlInput: { spellCheck: false } }}
            />
            <TextField
              label={t('create.bundleTitle')}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              required
            />
            <TextField
              label={t('create.dependencies')}
              value={deps}
              onChange={(e) => setDeps(e.target.value)}
              error={!parsedDeps}
              helperText={parsedDeps ? t('create.dependenciesHelp') : t('create.dependenciesInvalid')}
              slotProps={{ htmlInput: { spellCheck: false } }}
            />
            {create.isError && <Alert severity="error">{errorMessage(create.error, t)}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="submit"
            variant="contained"
            disabled={!nameOk || !title.trim() || !parsedDeps || create.isPending}
          >
            {t('create.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
