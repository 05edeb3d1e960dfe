import { Box, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { usePreferences } from '../preferences/preferences-context.tsx';
import type { UiPreferences } from '../preferences/preference-store.ts';

/** One labelled choice among a few buttons, kept in the user's preferences. */
function Choice<K extends 'theme' | 'density'>(props: {
  pref: K;
  label: string;
  options: [UiPreferences[K], string][];
}) {
  const { prefs, update } = usePreferences();
  const labelId = useId();
  return (
    <Box>
      <Typography id={labelId} variant="subtitle2" gutterBottom>
        {props.label}
      </Typography>
      <ToggleButtonGroup
        exclusive
        fullWidth
        size="small"
        value={prefs[props.pref]}
        aria-labelledby={labelId}
        onChange={(_, v: UiPreferences[K] | null) => v && update({ [props.pref]: v })}
      >
        {props.options.map(([value, text]) => (
          <ToggleButton key={String(value)} value={value as string}>
            {text}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </Box>
  );
}

/** Theme (light, dark, system) and density (comfortable, compact): the top bar's panel and the profile show the same. */
export function DisplayChoices() {
  const { t } = useTranslation();
  return (
    <>
      <Choice
        pref="theme"
        label={t('shell.theme')}
        options={[
          ['light', t('shell.themeLight')],
          ['dark', t('shell.themeDark')],
          ['system', t('shell.themeSystem')],
        ]}
      />
      <Choice
        pref="density"
        label={t('shell.density')}
        options={[
          ['comfortable', t('shell.densityComfortable')],
          ['compact', t('shell.densityCompact')],
        ]}
      />
    </>
  );
}
