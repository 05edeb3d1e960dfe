import AddIcon from '@mui/icons-material/Add';
import CloseIcon from '@mui/icons-material/Close';
import {
  Alert,
  Autocomplete,
  Box,
  Button,
  IconButton,
  MenuItem,
  Stack,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JsonTextField } from '../common/json-text-field.tsx';
import { LiteralText } from '../logic/logic-leaf-editors.tsx';
import { formatLiteral, parseLiteral, type JsonPrimitive } from '../logic/logic-model.ts';
import {
  FILTER_OPS,
  fromFilter,
  toFilter,
  valueFor,
  type FilterModel,
  type FilterOp,
  type FilterRow,
} from './filter-model.ts';

interface FilterEditorProps {
  value: Record<string, unknown> | undefined;
  onChange: (next: Record<string, unknown> | undefined) => void;
  /** Fields and paths the filter may name. */
  fields: string[];
  readOnly?: boolean;
}

const scalar = (v: unknown): JsonPrimitive =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v) ? (v as JsonPrimitive) : '';

function ValueInput(props: { row: FilterRow; onChange: (v: unknown) => void; readOnly?: boolean }) {
  const { t } = useTranslation();
  const { op, value } = props.row;
  const label = t('editors.view.filterValue');
  if (op === '$null')
    return (
      <TextField
        select
        size="small"
        sx={{ minWidth: 140 }}
        label={label}
        value={String(value === true)}
        disabled={props.readOnly}
        onChange={(e) => props.onChange(e.target.value === 'true')}
      >
        <MenuItem value="true">{t('editors.view.isEmpty')}</MenuItem>
        <MenuItem value="false">{t('editors.view.isFilled')}</MenuItem>
      </TextField>
    );
  if (op === '$in' || op === '$nin') {
    const list = Array.isArray(value) ? value.map(scalar) : [];
    return (
      <Autocomplete<string, true, false, true>
        multiple
        freeSolo
        size="small"
        sx={{ flex: 1, minWidth: 200 }}
        options={[]}
        value={list.map(formatLiteral)}
        disabled={props.readOnly}
        onChange={(_, v) => props.onChange(v.map(parseLiteral))}
        renderInput={(params) => <TextField {...params} label={t('editors.view.filterValues')} />}
      />
    );
  }
  if (op === '$between') {
    const [a, b] = Array.isArray(value) ? value : ['', ''];
    return (
      <Stack direction="row" spacing={1} sx={{ flex: 1 }}>
        <LiteralText
          label={t('editors.view.from')}
          value={scalar(a)}
          readOnly={props.readOnly}
          onChange={(v) => props.onChange([v, b])}
        />
        <LiteralText
          label={t('editors.view.to')}
          value={scalar(b)}
          readOnly={props.readOnly}
          onChange={(v) => props.onChange([a, v])}
        />
      </Stack>
    );
  }
  return <LiteralText label={label} value={scalar(value)} readOnly={props.readOnly} onChange={props.onChange} />;
}

/**
 * A view's default filter in the data API's filter language: rows (field, operator, value)
 * joined by "all" or "any", or the JSON itself for anything richer.
 */
export function FilterEditor(props: FilterEditorProps) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'rows' | 'json'>('rows');
  const model =
    props.value === undefined ? { join: '$and' as const, rows: [], form: 'object' as const } : fromFilter(props.value);
  const set = (next: FilterModel) => props.onChange(next.rows.length ? toFilter(next) : undefined);
  const at = (i: number, patch: Partial<FilterRow>) =>
    model && set({ ...model, rows: model.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const json = mode === 'json' || model === null;
  return (
    <Box>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="subtitle1" component="h3" sx={{ flex: 1 }}>
          {t('editors.view.filter')}
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={json ? 'json' : 'rows'}
          aria-label={t('editors.view.filterMode')}
          onChange={(_, m: 'rows' | 'json' | null) => m && setMode(m)}
        >
          <ToggleButton value="rows" disabled={model === null}>
            {t('editors.view.rows')}
          </ToggleButton>
          <ToggleButton value="json">{t('editors.common.json')}</ToggleButton>
        </ToggleButtonGroup>
      </Stack>
      {model === null && (
        <Alert severity="info" sx={{ mb: 1 }}>
          {t('editors.view.filterJsonOnly')}
        </Alert>
      )}
      {json ? (
        <JsonTextField
          label={t('editors.view.filter')}
          value={props.value}
          rows={3}
          readOnly={props.readOnly}
          helperText={t('editors.view.filterHelp')}
          check={(v) =>
            typeof v === 'object' && v !== null && !Array.isArray(v) ? null : t('editors.view.filterObject')
          }
          onChange={(v) => props.onChange(Object.keys(v as object).length ? (v as Record<string, unknown>) : undefined)}
        />
      ) : (
        <Stack spacing={1}>
          {model.rows.length > 1 && (
            <TextField
              select
              size="small"
              sx={{ maxWidth: 260 }}
              label={t('editors.view.join')}
              value={model.join}
              disabled={props.readOnly}
              onChange={(e) => set({ ...model, join: e.target.value as FilterModel['join'] })}
            >
              <MenuItem value="$and">{t('editors.view.joinAnd')}</MenuItem>
              <MenuItem value="$or">{t('editors.view.joinOr')}</MenuItem>
            </TextField>
          )}
          {model.rows.map((row, i) => (
            <Stack
              key={i}
              direction="row"
              spacing={1}
              sx={{ alignItems: 'center' }}
              role="group"
              aria-label={t('editors.view.condition', { n: i + 1 })}
            >
              <Autocomplete
                freeSolo
                autoSelect
                size="small"
                sx={{ minWidth: 200 }}
                options={props.fields}
                value={row.field}
                disabled={props.readOnly}
                onChange={(_, v) => at(i, { field: v ?? '' })}
                renderInput={(params) => <TextField {...params} label={t('editors.view.field')} />}
              />
              <TextField
                select
                size="small"
                sx={{ minWidth: 170 }}
                label={t('editors.view.operator')}
                value={row.op}
                disabled={props.readOnly}
                onChange={(e) =>
                  at(i, {
                    op: e.target.value as FilterOp,
                    value: valueFor(e.target.value as FilterOp, row.value),
                    bare: false,
                  })
                }
              >
                {FILTER_OPS.map((op) => (
                  <MenuItem key={op} value={op}>
                    {t(`editors.view.ops.${op.slice(1)}`)}
                  </MenuItem>
                ))}
              </TextField>
              <ValueInput row={row} readOnly={props.readOnly} onChange={(value) => at(i, { value })} />
              <IconButton
                aria-label={t('editors.view.removeCondition', { n: i + 1 })}
                disabled={props.readOnly}
                onClick={() => set({ ...model, rows: model.rows.filter((_, j) => j !== i) })}
              >
                <CloseIcon fontSize="small" />
              </IconButton>
            </Stack>
          ))}
          {!props.readOnly && (
            <Box>
              <Button
                size="small"
                startIcon={<AddIcon />}
                onClick={() =>
                  set({
                    ...model,
                    rows: [...model.rows, { field: props.fields[0] ?? '', op: '$eq', value: '', bare: true }],
                  })
                }
              >
                {t('editors.view.addCondition')}
              </Button>
            </Box>
          )}
        </Stack>
      )}
    </Box>
  );
}
