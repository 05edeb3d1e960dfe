import { and, isControl, rankWith, schemaMatches, type ControlProps, type RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import { DatePicker } from '@mui/x-date-pickers';
import { PickerProvider } from './picker-provider.tsx';
import { toDayValue, toStoredDay } from './zoned-datetime.ts';

/**
 * A calendar day, in the user's order (`dateFormat`, from `withDateFormats`), stored as
 * `YYYY-MM-DD`. JSON Forms' own date control builds its values with its private copy of dayjs,
 * which the pickers' adapter cannot read once the shared dayjs has the time-zone plugins that
 * date-times need; this one uses the shared dayjs.
 */
function DateControl(props: ControlProps) {
  const options = (props.uischema.options ?? {}) as { dateFormat?: string };
  const invalid = props.errors.length > 0;
  if (!props.visible) return null;
  return (
    <PickerProvider>
      <DatePicker
        label={props.label}
        value={toDayValue(props.data)}
        format={options.dateFormat ?? 'YYYY-MM-DD'}
        disabled={!props.enabled}
        onChange={(next) => {
          const stored = toStoredDay(next);
          if (stored !== 'invalid') props.handleChange(props.path, stored ?? undefined);
        }}
        slotProps={{
          textField: {
            id: `${props.id}-input`,
            required: props.required,
            error: invalid,
            fullWidth: true,
            helperText: invalid ? props.errors : props.description,
          },
        }}
      />
    </PickerProvider>
  );
}

// Testers see the root schema: `schemaMatches` resolves the control's own.
export const dateTester: RankedTester = rankWith(
  10,
  and(
    isControl,
    schemaMatches((s) => s.format === 'date'),
  ),
);
export const DateRenderer = withJsonFormsControlProps(DateControl);
