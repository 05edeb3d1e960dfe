import { Checkbox, FormControlLabel, FormGroup, Stack, Typography } from '@mui/material';
import type { Recipients } from '@opsflux/definitions';
import { NamesPicker } from '../common/name-picker.tsx';
import { useContentT } from '../i18n/content-editors-messages.ts';

const FLAGS = ['creator', 'creatorManager', 'actor', 'approvers', 'approversManagers'] as const;

interface RecipientsFieldsProps {
  value: Recipients;
  onChange: (next: Recipients) => void;
  roles: readonly string[];
  fields: readonly string[];
  /** Plain addresses are for e-mails only. */
  emails?: boolean;
  readOnly?: boolean;
}

/** Who receives it: the union of the people chosen here. */
export function RecipientsFields({ value, onChange, roles, fields, emails, readOnly }: RecipientsFieldsProps) {
  const t = useContentT('automation');
  const set = <K extends keyof Recipients>(key: K, v: Recipients[K] | undefined) => {
    const next = { ...value };
    if (v === undefined || v === false) delete next[key];
    else next[key] = v;
    onChange(next);
  };
  return (
    <Stack component="fieldset" spacing={1} sx={{ border: 0, p: 0, m: 0, minWidth: 0 }}>
      <Typography component="legend" variant="subtitle2">
        {t('recipients')}
      </Typography>
      <FormGroup row>
        {FLAGS.map((flag) => (
          <FormControlLabel
            key={flag}
            control={
              <Checkbox
                checked={value[flag] === true}
                onChange={(e) => set(flag, e.target.checked)}
                disabled={readOnly}
              />
            }
            label={t(`recipientFlags.${flag}`)}
          />
        ))}
      </FormGroup>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1}>
        <NamesPicker
          label={t('roles')}
          value={value.roles}
          onChange={(v) => set('roles', v)}
          options={roles}
          readOnly={readOnly}
        />
        <NamesPicker
          label={t('fields')}
          value={value.fields}
          onChange={(v) => set('fields', v)}
          options={fields}
          readOnly={readOnly}
        />
      </Stack>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1}>
        <NamesPicker
          label={t('users')}
          value={value.users}
          onChange={(v) => set('users', v)}
          options={[]}
          readOnly={readOnly}
        />
        {emails && (
          <NamesPicker
            label={t('emails')}
            value={value.emails}
            onChange={(v) => set('emails', v)}
            options={[]}
            readOnly={readOnly}
          />
        )}
      </Stack>
    </Stack>
  );
}
