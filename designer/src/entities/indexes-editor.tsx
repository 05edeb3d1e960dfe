import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import { Autocomplete, Box, Button, Checkbox, FormControlLabel, IconButton, Stack, TextField } from '@mui/material';
import type { EntityDefinition, IndexDefinition } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import { fieldTypeOf } from './entity-ops.ts';

interface IndexesEditorProps {
  entity: EntityDefinition;
  onChange: (indexes: IndexDefinition[] | undefined) => void;
  readOnly?: boolean;
}

/** Indexes over several fields (in order), unique or not; one-field ones are a field's options. */
export function IndexesEditor({ entity, onChange, readOnly }: IndexesEditorProps) {
  const { t } = useTranslation();
  const indexes = entity.indexes ?? [];
  const indexable = entity.fields.filter((f) => fieldTypeOf(f.type)?.indexable !== false).map((f) => f.name);
  const set = (next: IndexDefinition[]) => onChange(next.length ? next : undefined);
  const at = (i: number, patch: Partial<IndexDefinition>) =>
    set(
      indexes.map((ix, j) => {
        if (j !== i) return ix;
        const next: IndexDefinition = { ...ix, ...patch };
        if (!next.unique) delete next.unique;
        return next;
      }),
    );
  return (
    <Stack spacing={1}>
      {indexes.map((ix, i) => (
        <Stack
          key={i}
          direction="row"
          spacing={1}
          sx={{ alignItems: 'center' }}
          role="group"
          aria-label={t('editors.entity.indexN', { n: i + 1 })}
        >
          <Autocomplete<string, true>
            multiple
            size="small"
            sx={{ flex: 1 }}
            options={indexable}
            value={ix.fields}
            disabled={readOnly}
            onChange={(_, fields) => at(i, { fields })}
            renderInput={(params) => <TextField {...params} label={t('editors.entity.indexFields')} />}
          />
          <FormControlLabel
            sx={{ flexShrink: 0 }}
            label={t('editors.entity.unique')}
            control={
              <Checkbox
                checked={ix.unique === true}
                disabled={readOnly}
                onChange={(e) => at(i, { unique: e.target.checked })}
              />
            }
          />
          <IconButton
            aria-label={t('editors.entity.removeIndex', { n: i + 1 })}
            disabled={readOnly}
            onClick={() => set(indexes.filter((_, j) => j !== i))}
          >
            <DeleteOutlineIcon fontSize="small" />
          </IconButton>
        </Stack>
      ))}
      {!readOnly && indexable.length > 0 && (
        <Box>
          <Button
            size="small"
            startIcon={<AddIcon />}
            onClick={() => set([...indexes, { fields: indexable.slice(0, 2) }])}
          >
            {t('editors.entity.addIndex')}
          </Button>
        </Box>
      )}
    </Stack>
  );
}
