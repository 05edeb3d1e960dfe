import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { useId, useState, type FormEvent } from 'react';
import { useDesignerT } from '../i18n/i18n.ts';

interface NameDialogProps {
  title: string;
  label: string;
  submit: string;
  initial?: string;
  /** A message key under `names.` when the name is refused, else null. */
  check: (name: string) => string | null;
  onSubmit: (name: string) => Promise<boolean>;
  onClose: () => void;
}

/** Asks for a definition's name (to add or rename one), checked as it is typed. */
export function NameDialog({ title, label, submit, initial = '', check, onSubmit, onClose }: NameDialogProps) {
  const t = useDesignerT();
  const titleId = useId();
  const [name, setName] = useState(initial);
  const [busy, setBusy] = useState(false);
  const problem = check(name);
  const handle = (e: FormEvent) => {
    e.preventDefault();
    if (problem || busy) return;
    setBusy(true);
    void onSubmit(name).then((ok) => {
      setBusy(false);
      if (ok) onClose();
    });
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="xs" fullWidth>
      <form onSubmit={handle} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          <TextField
            label={label}
            value={name}
            onChange={(e) => setName(e.target.value.trim())}
            autoFocus
            required
            error={name !== '' && !!problem}
            helperText={name !== '' && problem ? t(`names.${problem}`) : t('names.help')}
            slotProps={{ htmlInput: { spellCheck: false } }}
            sx={{ mt: 1 }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={!!problem || busy}>
            {submit}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
