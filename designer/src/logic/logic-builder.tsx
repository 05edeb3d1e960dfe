import DataObjectIcon from '@mui/icons-material/DataObject';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import {
  Alert,
  Box,
  Button,
  IconButton,
  Stack,
  ToggleButton,
  ToggleButtonGroup,
  Tooltip,
  Typography,
} from '@mui/material';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/editors-messages.ts';
import { JsonTextField } from '../common/json-text-field.tsx';
import { LogicNodeEditor } from './logic-node-editor.tsx';
import { fromLogic, isFullyVisual, newNode, toLogic, type NodeKind } from './logic-model.ts';

export interface LogicBuilderProps {
  /** The json-logic expression; `undefined` while there is none. */
  value: unknown;
  onChange: (next: unknown) => void;
  /** Paths the expression may read with `var`, e.g. `record.status`. */
  variables: string[];
  label: string;
  readOnly?: boolean;
}

const STARTERS: NodeKind[] = ['compare', 'group', 'not', 'if', 'raw'];

/**
 * A json-logic expression built visually (and/or groups, comparisons, `in`, `!`, `!!`, `if`,
 * variables and values) or written as JSON. Both edit the same value: what the builder cannot
 * draw is shown as JSON in place, so switching modes never loses anything.
 */
export function LogicBuilder(props: LogicBuilderProps) {
  const { t } = useTranslation();
  const id = useId();
  const [mode, setMode] = useState<'visual' | 'text'>('visual');
  const node = props.value === undefined ? null : fromLogic(props.value);
  const partial = node !== null && node.kind !== 'raw' && !isFullyVisual(node);
  return (
    <Box
      component="fieldset"
      aria-labelledby={`${id}-label`}
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5, m: 0, minWidth: 0 }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography id={`${id}-label`} component="legend" variant="subtitle2" sx={{ flex: 1, p: 0 }}>
          {props.label}
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={mode}
          aria-label={`${t('editors.logic.mode')}: ${props.label}`}
          onChange={(_, m: 'visual' | 'text' | null) => m && setMode(m)}
        >
          <ToggleButton value="visual" aria-label={t('editors.logic.visual')}>
            <AccountTreeIcon fontSize="small" sx={{ mr: 0.5 }} />
            {t('editors.logic.visual')}
          </ToggleButton>
          <ToggleButton value="text" aria-label={t('editors.logic.text')}>
            <DataObjectIcon fontSize="small" sx={{ mr: 0.5 }} />
            {t('editors.logic.text')}
          </ToggleButton>
        </ToggleButtonGroup>
        {node && !props.readOnly && (
          <Tooltip title={t('editors.logic.clear')}>
            <IconButton
              size="small"
              aria-label={`${t('editors.logic.clear')}: ${props.label}`}
              onClick={() => props.onChange(undefined)}
            >
              <DeleteOutlineIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        )}
      </Stack>
      {mode === 'text' ? (
        <JsonTextField
          label={props.label}
          value={props.value}
          rows={4}
          readOnly={props.readOnly}
          helperText={t('editors.logic.textHelp')}
          onChange={props.onChange}
        />
      ) : node === null ? (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="body2" color="text.secondary">
            {t('editors.logic.empty')}
          </Typography>
          {!props.readOnly &&
            STARTERS.map((k) => (
              <Button
                key={k}
                size="small"
                variant="outlined"
                onClick={() => props.onChange(toLogic(newNode(k, props.variables[0])))}
              >
                {t(`editors.logic.kinds.${k}`)}
              </Button>
            ))}
        </Stack>
      ) : (
        <>
          {partial && (
            <Alert severity="info" sx={{ mb: 1 }}>
              {t('editors.logic.notVisual')}
            </Alert>
          )}
          <LogicNodeEditor
            node={node}
            variables={props.variables}
            readOnly={props.readOnly}
            onChange={(n) => props.onChange(toLogic(n))}
          />
        </>
      )}
    </Box>
  );
}
