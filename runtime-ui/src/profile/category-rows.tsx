import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import {
  Button,
  Checkbox,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Tooltip,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type CategoryRow, type Channel } from './notification-preferences.ts';

/** Which channels each category goes to: one row per category, `*` first and kept. */
export function CategoryRows(props: {
  rows: CategoryRow[];
  errors: Record<string, string>;
  onChange: (rows: CategoryRow[]) => void;
}) {
  const { t } = useTranslation();
  const set = (i: number, row: CategoryRow) => props.onChange(props.rows.map((r, j) => (j === i ? row : r)));
  const toggle = (i: number, c: Channel, on: boolean) => {
    const row = props.rows[i]!;
    set(i, { ...row, channels: on ? [...row.channels, c] : row.channels.filter((x) => x !== c) });
  };
  const name = (r: CategoryRow) => (r.category === '*' ? t('notificationPrefs.everything') : r.category);
  return (
    <Stack spacing={1}>
      <Table size="small" aria-label={t('notificationPrefs.channelsTitle')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('notificationPrefs.category')}</TableCell>
            {CHANNELS.map((c) => (
              <TableCell key={c} align="center">
                {t(`notificationPrefs.channel.${c}`)}
              </TableCell>
            ))}
            <TableCell align="right">{t('notificationPrefs.remove')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.rows.map((r, i) => (
            <TableRow key={i}>
              <TableCell>
                {r.category === '*' ? (
                  name(r)
                ) : (
                  <TextField
                    size="small"
                    value={r.category}
                    onChange={(e) => set(i, { ...r, category: e.target.value.trim().toLowerCase() })}
                    placeholder="bundle.event"
                    error={!!props.errors[`rows.${i}`]}
                    helperText={props.errors[`rows.${i}`]}
                    slotProps={{
                      htmlInput: { 'aria-label': t('notificationPrefs.categoryN', { n: i }), maxLength: 64 },
                    }}
                  />
                )}
              </TableCell>
              {CHANNELS.map((c) => (
                <TableCell key={c} align="center">
                  <Checkbox
                    checked={r.channels.includes(c)}
                    onChange={(e) => toggle(i, c, e.target.checked)}
                    slotProps={{
                      input: { 'aria-label': `${t(`notificationPrefs.channel.${c}`)}: ${name(r) || '…'}` },
                    }}
                  />
                </TableCell>
              ))}
              <TableCell align="right">
                {r.category !== '*' && (
                  <Tooltip title={t('notificationPrefs.remove')}>
                    <IconButton
                      aria-label={`${t('notificationPrefs.remove')}: ${name(r) || '…'}`}
                      onClick={() => props.onChange(props.rows.filter((_, j) => j !== i))}
                    >
                      <DeleteIcon />
                    </IconButton>
                  </Tooltip>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <div>
        <Button
          startIcon={<AddIcon />}
          onClick={() => props.onChange([...props.rows, { category: '', channels: ['in_app'] }])}
        >
          {t('notificationPrefs.addCategory')}
        </Button>
      </div>
    </Stack>
  );
}
