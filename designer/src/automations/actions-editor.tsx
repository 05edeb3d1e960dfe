import AddIcon from '@mui/icons-material/Add';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteIcon from '@mui/icons-material/Delete';
import { Box, Button, IconButton, MenuItem, Paper, Stack, TextField, Tooltip, Typography } from '@mui/material';
import type { AutomationAction } from '@opsflux/definitions';
import { useId, useState } from 'react';
import { useContentT } from '../i18n/content-editors-messages.ts';
import { ActionFields } from './action-fields.tsx';
import { ACTION_TYPES, defaultAction, moveInList, type ActionType } from './automation-model.ts';
import type { ActionChoices } from './message-action-fields.tsx';

interface ActionsEditorProps {
  value: AutomationAction[];
  onChange: (next: AutomationAction[]) => void;
  choices: ActionChoices;
  readOnly?: boolean;
}

const MAX_ACTIONS = 20;

/** The actions, run in order: each one's fields, moved with buttons, added by kind. */
export function ActionsEditor({ value, onChange, choices, readOnly }: ActionsEditorProps) {
  const t = useContentT('automation');
  const tc = useContentT('common');
  const id = useId();
  const [kind, setKind] = useState<ActionType>('notify');
  const replace = (i: number, next: AutomationAction) => onChange(value.map((a, j) => (j === i ? next : a)));

  return (
    <Stack spacing={1.5}>
      {value.map((action, i) => {
        const title = t('actionN', { n: i + 1, type: t(`actionTypes.${action.type}`) });
        return (
          <Paper key={i} variant="outlined" component="section" aria-labelledby={`${id}-${i}`} sx={{ p: 1.5 }}>
            <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', mb: 1 }}>
              <Typography id={`${id}-${i}`} variant="subtitle2" component="h4" sx={{ flex: 1 }}>
                {title}
              </Typography>
              {!readOnly && (
                <>
                  <Tooltip title={tc('moveUp')}>
                    <span>
                      <IconButton
                        size="small"
                        aria-label={`${tc('moveUp')}: ${title}`}
                        disabled={i === 0}
                        onClick={() => onChange(moveInList(value, i, -1))}
                      >
                        <ArrowUpwardIcon fontSize="small" />
                      </IconButton>
                    </span>
                  </Tooltip>
                  <Tooltip title={tc('moveDown')}>
                    <span>
                      <IconButton
                        size="small"
                        aria-label={`${tc('moveDown')}: ${title}`}
                        disabled={i === value.length - 1}
                        onClick={() => onChange(moveInList(value, i, 1))}
                      >
                        <ArrowDownwardIcon fontSize="small" />
                      </IconButton>
                    </span>
                  </Tooltip>
                  <Tooltip title={tc('remove')}>
                    <span>
                      <IconButton
                        size="small"
                        aria-label={`${tc('remove')}: ${title}`}
                        disabled={value.length === 1}
                        onClick={() => onChange(value.filter((_, j) => j !== i))}
                      >
                        <DeleteIcon fontSize="small" />
                      </IconButton>
                    </span>
                  </Tooltip>
                </>
              )}
            </Stack>
            <ActionFields value={action} onChange={(next) => replace(i, next)} choices={choices} readOnly={readOnly} />
          </Paper>
        );
      })}
      {!readOnly && value.length < MAX_ACTIONS && (
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          <TextField
            select
            size="small"
            label={t('actionType')}
            value={kind}
            onChange={(e) => setKind(e.target.value as ActionType)}
            sx={{ minWidth: 220 }}
          >
            {ACTION_TYPES.map((type) => (
              <MenuItem key={type} value={type}>
                {t(`actionTypes.${type}`)}
              </MenuItem>
            ))}
          </TextField>
          <Button startIcon={<AddIcon />} onClick={() => onChange([...value, defaultAction(kind)])}>
            {t('addAction')}
          </Button>
        </Box>
      )}
    </Stack>
  );
}
