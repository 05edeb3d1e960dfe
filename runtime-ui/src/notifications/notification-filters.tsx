import { Autocomplete, FormControlLabel, MenuItem, Stack, Switch, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';

export interface NotificationFilters {
  unreadOnly: boolean;
  /** A category and its sub-categories; empty for all. */
  category: string;
  /** This priority and above; 0 for all. */
  priority: number;
}

export const NO_FILTERS: NotificationFilters = { unreadOnly: false, category: '', priority: 0 };

/** The list's query for these filters, in the engine's words (docs/notifications.md). */
export function filterQuery(f: NotificationFilters): Record<string, string | number | boolean | undefined> {
  return {
    ...(f.unreadOnly && { unread: true }),
    ...(f.category && { category: f.category }),
    ...(f.priority > 0 && { priority: f.priority }),
  };
}

/** Unread only, a category (among those seen, or typed), a minimum priority. */
export function NotificationFiltersBar(props: {
  value: NotificationFilters;
  categories: string[];
  onChange: (next: NotificationFilters) => void;
}) {
  const { t } = useTranslation();
  const { value } = props;
  return (
    <Stack spacing={1.5} sx={{ px: 2, pb: 1 }}>
      <FormControlLabel
        control={
          <Switch
            checked={value.unreadOnly}
            onChange={(e) => props.onChange({ ...value, unreadOnly: e.target.checked })}
          />
        }
        label={t('notifications.unreadOnly')}
      />
      <Stack direction="row" spacing={1}>
        <Autocomplete
          freeSolo
          size="small"
          options={props.categories}
          value={value.category || null}
          onChange={(_, v) => props.onChange({ ...value, category: (v ?? '').trim().toLowerCase() })}
          sx={{ flex: 1 }}
          renderInput={(params) => <TextField {...params} label={t('notificationPrefs.filterCategory')} />}
        />
        <TextField
          select
          size="small"
          label={t('notificationPrefs.filterPriority')}
          value={value.priority}
          onChange={(e) => props.onChange({ ...value, priority: Number(e.target.value) })}
          sx={{ minWidth: 150 }}
        >
          {[0, 1, 2, 3].map((p) => (
            <MenuItem key={p} value={p}>
              {t(`notificationPrefs.atLeast.${p}`)}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
    </Stack>
  );
}
