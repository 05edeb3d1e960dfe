import { Alert, Autocomplete, List, ListItem, ListItemText, Stack, TextField, Typography } from '@mui/material';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useContentT } from '../i18n/content-editors-messages.ts';
import { formatRun, nextRuns, timeZones } from './cron-preview.ts';

interface TimeZoneFieldProps {
  value: string | undefined;
  onChange: (next: string | undefined) => void;
  readOnly?: boolean;
}

/** An IANA time zone; empty means UTC. */
export function TimeZoneField(props: TimeZoneFieldProps) {
  const t = useContentT('automation');
  const zones = useMemo(timeZones, []);
  return (
    <Autocomplete
      size="small"
      options={zones}
      value={props.value ?? 'UTC'}
      readOnly={props.readOnly}
      disableClearable
      onChange={(_, v) => props.onChange(v === 'UTC' ? undefined : v)}
      renderInput={(params) => <TextField {...params} label={t('timezone')} />}
      sx={{ minWidth: 240 }}
    />
  );
}

interface ScheduleFieldsProps {
  cron: string;
  timezone: string | undefined;
  onChange: (next: { cron: string; timezone: string | undefined }) => void;
  readOnly?: boolean;
}

const PREVIEW_COUNT = 5;

/** A cron expression and its time zone, with the next runs it gives, read as the engine reads them. */
export function ScheduleFields(props: ScheduleFieldsProps) {
  const t = useContentT('automation');
  const { i18n } = useTranslation();
  const preview = useMemo(
    () => nextRuns(props.cron, props.timezone, PREVIEW_COUNT, new Date()),
    [props.cron, props.timezone],
  );
  return (
    <Stack spacing={1.5}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
        <TextField
          size="small"
          label={t('cron')}
          value={props.cron}
          onChange={(e) => props.onChange({ cron: e.target.value, timezone: props.timezone })}
          helperText={t('cronHelp')}
          error={!preview.ok}
          slotProps={{ input: { readOnly: props.readOnly, sx: { fontFamily: 'monospace' } } }}
          sx={{ flex: 1 }}
        />
        <TimeZoneField
          value={props.timezone}
          onChange={(timezone) => props.onChange({ cron: props.cron, timezone })}
          readOnly={props.readOnly}
        />
      </Stack>
      {preview.ok ? (
        <section aria-label={t('nextRuns')}>
          <Typography variant="subtitle2" component="p">
            {t('nextRuns')}
          </Typography>
          <List dense disablePadding>
            {preview.runs.map((run) => (
              <ListItem key={run.toISOString()} disableGutters>
                <ListItemText primary={formatRun(run, props.timezone, i18n.language)} secondary={run.toISOString()} />
              </ListItem>
            ))}
          </List>
        </section>
      ) : (
        <Alert severity="warning">{t('cronInvalid', { error: preview.error })}</Alert>
      )}
    </Stack>
  );
}
