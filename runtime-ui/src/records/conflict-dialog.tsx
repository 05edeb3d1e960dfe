import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ApiRecord } from '../api/api-types.ts';
import type { EntityModel } from '../model/entity-model.ts';
import { formatValue, type Formats } from '../model/format-value.ts';
import { ReferenceLabel } from '../components/reference-label.tsx';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

interface ConflictDialogProps {
  model: EntityModel;
  /** The record as the user opened it. */
  base: Record<string, unknown>;
  /** The user's edits. */
  mine: Record<string, unknown>;
  /** The record as it is now (the engine's 409 says). */
  current: ApiRecord;
  formats: Formats;
  onReload: () => void;
  onOverwrite: () => void;
  onCancel: () => void;
}

/** Someone saved first: what they changed, and a knowing choice between their version and mine. */
export function ConflictDialog({
  model,
  base,
  mine,
  current,
  formats,
  onReload,
  onOverwrite,
  onCancel,
}: ConflictDialogProps) {
  const { t } = useTranslation();
  const changed = model.fields.filter((f) => f.name in current && !same(base[f.name], current[f.name]));
  const show = (name: string, value: unknown) => {
    const f = model.field(name);
    if (f?.type === 'reference' && f.target) return <ReferenceLabel target={f.target} value={value} />;
    return formatValue(f, value, formats) || t('history.empty_value');
  };
  const when = current.updated_at ? formatValue({ type: 'datetime' }, current.updated_at, formats) : '';
  return (
    <Dialog open onClose={onCancel} maxWidth="md" fullWidth aria-labelledby="conflict-title">
      <DialogTitle id="conflict-title">{t('record.conflictTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {changed.length ? t('record.conflictBody', { when }) : t('record.conflictNone')}
        </DialogContentText>
        {changed.length > 0 && (
          <Table size="small" sx={{ mt: 2 }}>
            <TableHead>
              <TableRow>
                <TableCell>{t('record.conflictField')}</TableCell>
                <TableCell>{t('record.conflictTheirs')}</TableCell>
                <TableCell>{t('record.conflictMine')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {changed.map((f) => (
                <TableRow key={f.name}>
                  <TableCell component="th" scope="row">
                    {f.label}
                  </TableCell>
                  <TableCell>{show(f.name, current[f.name])}</TableCell>
                  <TableCell>{show(f.name, mine[f.name])}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button onClick={onReload}>{t('record.reload')}</Button>
        <Button onClick={onOverwrite} variant="contained" color="warning">
          {t('record.overwrite')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
