import { Autocomplete, Box, TextField } from '@mui/material';
import { MENU_ICON_NAMES, MenuIcon } from '@opsflux/runtime-ui/menu-icon';
import { useContentT } from '../i18n/content-editors-messages.ts';

interface IconPickerProps {
  value: string | undefined;
  onChange: (next: string | undefined) => void;
  readOnly?: boolean;
}

/** An icon among those the apps draw, each shown as it will look. */
export function IconPicker({ value, onChange, readOnly }: IconPickerProps) {
  const t = useContentT('menu');
  const options = value && !MENU_ICON_NAMES.includes(value) ? [value, ...MENU_ICON_NAMES] : [...MENU_ICON_NAMES];
  return (
    <Autocomplete
      size="small"
      options={options}
      value={value ?? null}
      readOnly={readOnly}
      onChange={(_, v) => onChange(v ?? undefined)}
      renderOption={({ key, ...props }, option) => (
        <Box component="li" key={key} {...props} sx={{ display: 'flex', gap: 1 }}>
          <MenuIcon name={option} fontSize="small" />
          {option}
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label={t('icon')}
          placeholder={t('noIcon')}
          slotProps={{
            input: {
              ...params.InputProps,
              startAdornment: value ? (
                <Box component="span" aria-hidden sx={{ display: 'flex', ml: 0.5 }}>
                  <MenuIcon name={value} fontSize="small" />
                </Box>
              ) : undefined,
            },
          }}
        />
      )}
      sx={{ minWidth: 220 }}
    />
  );
}
