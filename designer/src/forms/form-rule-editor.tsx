import { Alert, Checkbox, FormControlLabel, MenuItem, Stack, TextField } from '@mui/material';
import { FORM_EFFECTS, type FormRule } from '@opsflux/definitions';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JsonTextField } from '../common/json-text-field.tsx';
import { LogicBuilder } from '../logic/logic-builder.tsx';
import { conditionToLogic, logicToCondition } from './form-rule.ts';

interface FormRuleEditorProps {
  rule: FormRule | undefined;
  onChange: (rule: FormRule | undefined) => void;
  fields: string[];
  readOnly?: boolean;
}

/**
 * Show, hide, enable or disable an element while one field's value matches. Built with the
 * LogicBuilder; JSON Forms checks one field per rule, so expressions it cannot take are refused
 * with a message (and kept on screen), and a condition schema the builder cannot draw is edited
 * as JSON.
 */
export function FormRuleEditor({ rule, onChange, fields, readOnly }: FormRuleEditorProps) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<unknown>(undefined);
  const logic = rule ? conditionToLogic(rule.condition) : undefined;
  const setEffect = (effect: string) => {
    if (!effect) return onChange(undefined);
    const field = fields[0] ?? 'id';
    onChange({
      effect: effect as FormRule['effect'],
      condition: rule?.condition ?? { scope: `#/properties/${field}`, schema: { const: '' } },
    });
  };
  const setLogic = (next: unknown) => {
    const condition = next === undefined ? null : logicToCondition(next);
    if (!rule || !condition) return setPending(next);
    setPending(undefined);
    onChange({ ...rule, condition: { ...rule.condition, ...condition } });
  };
  return (
    <Stack spacing={1} component="section" aria-label={t('editors.form.rule')}>
      <TextField
        select
        size="small"
        sx={{ maxWidth: 320 }}
        label={t('editors.form.rule')}
        value={rule?.effect ?? ''}
        disabled={readOnly}
        onChange={(e) => setEffect(e.target.value)}
      >
        <MenuItem value="">
          <em>{t('editors.form.noRule')}</em>
        </MenuItem>
        {FORM_EFFECTS.map((e) => (
          <MenuItem key={e} value={e}>
            {t(`editors.form.effects.${e}`)}
          </MenuItem>
        ))}
      </TextField>
      {rule && logic !== null && (
        <LogicBuilder
          label={t('editors.form.ruleWhen')}
          value={pending ?? logic}
          variables={fields}
          readOnly={readOnly}
          onChange={setLogic}
        />
      )}
      {rule && pending !== undefined && (
        <Alert severity="warning" role="alert">
          {t('editors.form.ruleUnsupported')}
        </Alert>
      )}
      {rule && logic === null && (
        <>
          <Alert severity="info">{t('editors.form.ruleSchema')}</Alert>
          <TextField
            select
            size="small"
            sx={{ maxWidth: 320 }}
            label={t('editors.form.ruleField')}
            value={rule.condition.scope.replace('#/properties/', '')}
            disabled={readOnly}
            onChange={(e) =>
              onChange({ ...rule, condition: { ...rule.condition, scope: `#/properties/${e.target.value}` } })
            }
          >
            {fields.map((f) => (
              <MenuItem key={f} value={f}>
                {f}
              </MenuItem>
            ))}
          </TextField>
          <JsonTextField
            label={t('editors.form.ruleSchemaLabel')}
            value={rule.condition.schema}
            readOnly={readOnly}
            check={(v) =>
              typeof v === 'object' && v !== null && !Array.isArray(v) ? null : t('editors.form.ruleSchemaObject')
            }
            onChange={(schema) =>
              onChange({ ...rule, condition: { ...rule.condition, schema: schema as Record<string, unknown> } })
            }
          />
        </>
      )}
      {rule && (
        <FormControlLabel
          label={t('editors.form.failWhenUndefined')}
          control={
            <Checkbox
              checked={rule.condition.failWhenUndefined === true}
              disabled={readOnly}
              onChange={(e) => {
                const condition: FormRule['condition'] = { ...rule.condition, failWhenUndefined: e.target.checked };
                if (!e.target.checked) delete condition.failWhenUndefined;
                onChange({ ...rule, condition });
              }}
            />
          }
        />
      )}
    </Stack>
  );
}
