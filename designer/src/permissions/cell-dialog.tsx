import AddIcon from '@mui/icons-material/Add';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import type { FieldInfo } from '../workflows/draft-lookups.ts';
import { useTranslation } from 'react-i18next';
import type { CellRule } from './permission-matrix.ts';
import { RuleFields } from './rule-fields.tsx';

export interface CellTarget {
  role: string;
  entity: string;
  action: string;
  /** The action as the admin reads it. */
  actionLabel: string;
}

interface CellDialogProps {
  target: CellTarget;
  rules: readonly CellRule[];
  fields: readonly FieldInfo[];
  onApply: (rules: CellRule[]) => void;
  onClose: () => void;
  readOnly?: boolean;
}

/** Every rule of one cell, edited together and applied at once. */
export function CellDialog({ target, rules, fields, onApply, onClose, readOnly }: CellDialogProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<CellRule[]>(() => rules.map((r) => ({ ...r })));
  const names = { role: target.role, action: target.actionLabel, entity: target.entity };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="perm-cell-title">
      <DialogTitle id="perm-cell-title">{t('permissionEditor.dialog.title', names)}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText variant="body2">{t('permissionEditor.dialog.help')}</DialogContentText>
          {draft.length === 0 && <Typography variant="body2">{t('permissionEditor.dialog.none')}</Typography>}
          {draft.map((rule, i) => (
            <RuleFields
              key={i}
              n={i + 1}
              rule={rule}
              fields={fields}
              readOnly={readOnly}
              onChange={(next) => setDraft(draft.map((r, j) => (j === i ? next : r)))}
              onRemove={() => setDraft(draft.filter((_, j) => j !== i))}
            />
          ))}
          {!readOnly && (
            <Button
              size="small"
              startIcon={<AddIcon />}
              sx={{ alignSelf: 'flex-start' }}
              onClick={() => setDraft([...draft, { scope: 'company' }])}
            >
              {t('permissionEditor.dialog.addRule')}
            </Button>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('permissionEditor.dialog.cancel')}</Button>
        {!readOnly && (
          <Button
            variant="contained"
            onClick={() => {
              onApply(draft);
              onClose();
            }}
          >
            {t('permissionEditor.dialog.save')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
