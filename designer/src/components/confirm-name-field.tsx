import { TextField } from '@mui/material';
import { useDesignerT } from '../i18n/i18n.ts';

/** "Type the bundle's name to confirm": the last check before something that cannot be undone. */
export function ConfirmNameField({
  name,
  value,
  onChange,
}: {
  name: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const t = useDesignerT();
  return (
    <TextField
      label={t('confirm.typeName', { name })}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      autoComplete="off"
      error={value !== '' && value !== name}
      helperText={value !== '' && value !== name ? t('confirm.mismatch') : ' '}
      slotProps={{ htmlInput: { spellCheck: false, 'aria-describedby': undefined } }}
      sx={{ mt: 2 }}
    />
  );
}
