import { and, isControl, rankWith, schemaMatches, type ControlProps, type RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import { DateTimePicker } from '@mui/x-date-pickers';
import { useTranslation } from 'react-i18next';
import { PickerProvider } from './picker-provider.tsx';
import { offsetLabel, toPickerValue, toStored, userZone } from './zoned-datetime.ts';

/**
 * A date-time shown and typed in the user's time zone (the profile's, handed down in the form's
 * `config.timeZone`, else the browser's), saved as a UTC instant; the zone is named under it.
 */
function DateTimeControl(props: ControlProps) {
  const { t } = useTranslation();
  const config = (props.config ?? {}) as { timeZone?: string };
  const zone = userZone(config.timeZone);
  const options = (props.uischema.options ?? {}) as { dateTimeFormat?: string };
  const value = toPickerValue(props.data, zone);
  const invalid = props.errors.length > 0;
  if (!props.visible) return null;
  const zoneHint = t('renderers.inZone', { zone, offset: offsetLabel(zone, value?.toDate()) });
  return (
    <PickerProvider>
      <DateTimePicker
        label={props.label}
        value={value}
        timezone={zone}
        format={options.dateTimeFormat ?? 'YYYY-MM-DD HH:mm'}
        ampm={false}
        disabled={!props.enabled}
        onChange={(next) => {
          const stored = toStored(next);
          if (stored !== 'invalid') props.handleChange(props.path, stored ?? undefined);
        }}
        slotProps={{
          textField: {
            id: `${props.id}-input`,
            required: props.required,
            error: invalid,
            fullWidth: true,
            helperText: invalid ? props.errors : [props.description, zoneHint].filter(Boolean).join(' · '),
          },
        }}
      />
    </PickerProvider>
  );
}

// Testers see the root schema: `schemaMatches` resolves the control's own.
export const dateTimeTester: RankedTester = rankWith(
  10,
  and(
    isControl,
    schemaMatches((s) => s.format === 'date-time'),
  ),
);
export const DateTimeRenderer = withJsonFormsControlProps(DateTimeControl);
