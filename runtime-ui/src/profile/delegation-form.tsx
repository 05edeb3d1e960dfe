import { Alert, Autocomplete, Button, Stack, TextField } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import { keys } from '../api/queries.ts';
import { fieldError, profileKeys, usePeople, type Person } from './profile-api.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** "My approvals go to X from … to …": a colleague found by name or e-mail, two days, a reason. */
export function DelegationForm() {
  const { t } = useTranslation();
  const api = useApi();
  const qc = useQueryClient();
  const [input, setInput] = useState('');
  const [delegate, setDelegate] = useState<Person | null>(null);
  const [startsOn, setStartsOn] = useState(today);
  const [endsOn, setEndsOn] = useState(today);
  const [reason, setReason] = useState('');
  const people = usePeople(useDeferredValue(input));
  const create = useMutation({
    mutationFn: () =>
      api.post('/api/v1/delegations', {
        delegateId: delegate!.id,
        startsOn,
        endsOn,
        ...(reason.trim() && { reason: reason.trim() }),
      }),
    onSuccess: () => {
      setDelegate(null);
      setInput('');
      setReason('');
      void qc.invalidateQueries({ queryKey: profileKeys.delegations });
      void qc.invalidateQueries({ queryKey: keys.pending });
    },
  });
  const backwards = endsOn < startsOn;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (delegate && !backwards) create.mutate();
  };
  const err = (path: string) => fieldError(create.error, path);
  const other = create.error && !err('delegateId') && !err('endsOn') && !err('startsOn') ? create.error.message : null;
  return (
    <Stack component="form" spacing={2} onSubmit={submit} noValidate aria-label={t('profile.delegation.new')}>
      {other && <Alert severity="error">{other}</Alert>}
      {create.isSuccess && <Alert severity="success">{t('profile.delegation.created')}</Alert>}
      <Autocomplete
        options={people.data ?? []}
        value={delegate}
        onChange={(_, v) => setDelegate(v)}
        inputValue={input}
        onInputChange={(_, v) => setInput(v)}
        filterOptions={(o) => o}
        getOptionLabel={(p) => `${p.name} <${p.email}>`}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        loading={people.isFetching}
        noOptionsText={input.trim().length < 2 ? t('profile.delegation.typeTwo') : t('record.noOptions')}
        renderInput={(params) => (
          <TextField
            {...params}
            label={t('profile.delegation.delegate')}
            required
            error={!!err('delegateId')}
            helperText={err('delegateId')}
          />
        )}
      />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          type="date"
          label={t('profile.delegation.from')}
          value={startsOn}
          onChange={(e) => setStartsOn(e.target.value)}
          required
          slotProps={{ inputLabel: { shrink: true } }}
          error={!!err('startsOn')}
          helperText={err('startsOn')}
        />
        <TextField
          type="date"
          label={t('profile.delegation.to')}
          value={endsOn}
          onChange={(e) => setEndsOn(e.target.value)}
          required
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: startsOn } }}
          error={backwards || !!err('endsOn')}
          helperText={backwards ? t('profile.delegation.backwards') : err('endsOn')}
        />
      </Stack>
      <TextField
        label={t('profile.delegation.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        slotProps={{ htmlInput: { maxLength: 500 } }}
      />
      <div>
        <Button type="submit" variant="contained" disabled={!delegate || backwards || create.isPending}>
          {t('profile.delegation.create')}
        </Button>
      </div>
    </Stack>
  );
}
