import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import { Box, Button, IconButton, MenuItem, Stack, TextField, Typography } from '@mui/material';
import type { WorkflowMigration } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';

interface MigrationsFieldsProps {
  value: readonly WorkflowMigration[] | undefined;
  /** This version's states: where records may be moved to. */
  states: readonly string[];
  onChange: (next: WorkflowMigration[] | undefined) => void;
  readOnly?: boolean;
}

/**
 * How records of earlier versions move to this one: per version range, old state → new state.
 * A state not listed keeps its name.
 */
export function MigrationsFields({ value, states, onChange, readOnly }: MigrationsFieldsProps) {
  const { t } = useTranslation();
  const list = value ?? [];
  const set = (i: number, m: WorkflowMigration) => onChange(list.map((x, j) => (j === i ? m : x)));
  const setStates = (i: number, pairs: [string, string][]) => {
    const { states: _drop, ...rest } = list[i]!;
    set(i, pairs.length ? { ...rest, states: Object.fromEntries(pairs) } : rest);
  };
  return (
    <Stack spacing={1.5} component="section" aria-labelledby="wf-migrations-title">
      <Typography id="wf-migrations-title" component="h4" variant="subtitle2">
        {t('workflowEditor.migrations.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('workflowEditor.migrations.help')}
      </Typography>
      {list.map((m, i) => {
        const pairs = Object.entries(m.states ?? {});
        return (
          <Box
            key={i}
            component="fieldset"
            sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5, m: 0, minWidth: 0 }}
          >
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <TextField
                size="small"
                label={t('workflowEditor.migrations.from')}
                helperText={t('workflowEditor.migrations.fromHelp')}
                value={m.from}
                onChange={(e) => set(i, { ...m, from: e.target.value })}
                slotProps={{ htmlInput: { readOnly, spellCheck: false } }}
                sx={{ flex: 1 }}
              />
              {!readOnly && (
                <IconButton
                  aria-label={t('workflowEditor.migrations.remove', { from: m.from })}
                  onClick={() => onChange(list.length > 1 ? list.filter((_, j) => j !== i) : undefined)}
                >
                  <DeleteOutlineIcon fontSize="small" />
                </IconButton>
              )}
            </Stack>
            {pairs.map(([old, next], k) => (
              <Stack key={k} direction="row" spacing={1} sx={{ mt: 1.5, alignItems: 'center' }}>
                <TextField
                  size="small"
                  label={t('workflowEditor.migrations.oldState')}
                  value={old}
                  onChange={(e) =>
                    setStates(
                      i,
                      pairs.map((p, j) => (j === k ? [e.target.value.trim(), p[1]] : p)),
                    )
                  }
                  slotProps={{ htmlInput: { readOnly, spellCheck: false } }}
                  sx={{ flex: 1 }}
                />
                <span aria-hidden>→</span>
                <TextField
                  select
                  size="small"
                  label={t('workflowEditor.migrations.newState')}
                  value={states.includes(next) ? next : ''}
                  onChange={(e) =>
                    setStates(
                      i,
                      pairs.map((p, j) => (j === k ? [p[0], e.target.value] : p)),
                    )
                  }
                  slotProps={{ input: { readOnly } }}
                  sx={{ flex: 1 }}
                >
                  {states.map((s) => (
                    <MenuItem key={s} value={s}>
                      {s}
                    </MenuItem>
                  ))}
                </TextField>
                {!readOnly && (
                  <IconButton
                    aria-label={t('workflowEditor.migrations.removeState', { state: old })}
                    onClick={() =>
                      setStates(
                        i,
                        pairs.filter((_, j) => j !== k),
                      )
                    }
                  >
                    <DeleteOutlineIcon fontSize="small" />
                  </IconButton>
                )}
              </Stack>
            ))}
            {!readOnly && (
              <Button
                size="small"
                startIcon={<AddIcon />}
                sx={{ mt: 1 }}
                disabled={pairs.some(([old]) => old === '')}
                onClick={() => setStates(i, [...pairs, ['', states[0] ?? '']])}
              >
                {t('workflowEditor.migrations.addState')}
              </Button>
            )}
          </Box>
        );
      })}
      {!readOnly && (
        <Button
          size="small"
          startIcon={<AddIcon />}
          sx={{ alignSelf: 'flex-start' }}
          onClick={() => onChange([...list, { from: '1.x' }])}
        >
          {t('workflowEditor.migrations.add')}
        </Button>
      )}
    </Stack>
  );
}
