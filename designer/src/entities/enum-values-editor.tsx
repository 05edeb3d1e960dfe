import AddIcon from '@mui/icons-material/Add';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import { Box, Button, IconButton, Paper, Stack, TextField, Typography } from '@mui/material';
import type { EnumValue } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import { I18nTextInput } from '../common/i18n-text-input.tsx';
import { uniqueName } from './entity-ops.ts';
import type { PropertyWidgetProps } from './field-property-widgets.tsx';

/** An enum's values: code, label in every language, colour; in the order lists and boards show. */
export function EnumValuesEditor(p: PropertyWidgetProps) {
  const { t } = useTranslation();
  const values = p.field.type === 'enum' ? p.field.values : [];
  const set = (next: EnumValue[]) => p.set({ values: next });
  const at = (i: number, patch: Partial<EnumValue>) =>
    set(
      values.map((v, j) => {
        if (j !== i) return v;
        const n: Record<string, unknown> = { ...v, ...patch };
        if (patch.color === undefined && 'color' in patch) delete n.color;
        return n as unknown as EnumValue;
      }),
    );
  const move = (i: number, to: number) => {
    const next = [...values];
    const [v] = next.splice(i, 1);
    next.splice(to, 0, v!);
    set(next);
  };
  return (
    <Box sx={{ flexShrink: 0, width: '100%' }}>
      <Typography variant="subtitle2" component="h4" gutterBottom>
        {t('editors.entity.props.values')}
      </Typography>
      <Stack spacing={1}>
        {values.map((v, i) => (
          <Paper
            key={i}
            variant="outlined"
            sx={{ p: 1 }}
            role="group"
            aria-label={t('editors.entity.enumValue', { value: v.value })}
          >
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
              <TextField
                size="small"
                label={t('editors.entity.enumCode')}
                value={v.value}
                slotProps={{ input: { readOnly: p.readOnly, sx: { fontFamily: 'monospace' } } }}
                onChange={(e) => at(i, { value: e.target.value })}
              />
              <TextField
                size="small"
                type="color"
                sx={{ flexShrink: 0, width: 90 }}
                label={t('editors.entity.enumColor')}
                value={v.color ?? '#9e9e9e'}
                disabled={p.readOnly}
                onChange={(e) => at(i, { color: e.target.value })}
              />
              {v.color && (
                <Button size="small" disabled={p.readOnly} onClick={() => at(i, { color: undefined })}>
                  {t('editors.entity.noColor')}
                </Button>
              )}
              <Box sx={{ flex: 1 }} />
              <IconButton
                size="small"
                aria-label={`${t('editors.common.moveUp')}: ${v.value}`}
                disabled={p.readOnly || i === 0}
                onClick={() => move(i, i - 1)}
              >
                <ArrowUpwardIcon fontSize="small" />
              </IconButton>
              <IconButton
                size="small"
                aria-label={`${t('editors.common.moveDown')}: ${v.value}`}
                disabled={p.readOnly || i === values.length - 1}
                onClick={() => move(i, i + 1)}
              >
                <ArrowDownwardIcon fontSize="small" />
              </IconButton>
              <IconButton
                size="small"
                aria-label={`${t('editors.common.remove')}: ${v.value}`}
                disabled={p.readOnly || values.length <= 1}
                onClick={() => set(values.filter((_, j) => j !== i))}
              >
                <DeleteOutlineIcon fontSize="small" />
              </IconButton>
            </Stack>
            <I18nTextInput
              label={t('editors.common.label')}
              value={v.label}
              readOnly={p.readOnly}
              onChange={(label) => at(i, { label: label ?? {} })}
            />
          </Paper>
        ))}
      </Stack>
      {!p.readOnly && (
        <Button
          size="small"
          startIcon={<AddIcon />}
          sx={{ mt: 1 }}
          onClick={() => {
            const value = uniqueName(
              `value_${values.length + 1}`,
              values.map((v) => v.value),
            );
            set([...values, { value, label: { en: value } }]);
          }}
        >
          {t('editors.entity.addValue')}
        </Button>
      )}
    </Box>
  );
}
