import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import { Box, Button, IconButton, MenuItem, Paper, Stack, TextField } from '@mui/material';
import type { EntityDefinition, RuleDefinition } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import { I18nTextInput } from '../common/i18n-text-input.tsx';
import { IssueList } from '../common/issue-list.tsx';
import { issuesAt } from '../common/issues.ts';
import { sampleRecord } from '../common/sample-record.ts';
import type { DraftIssue } from '../editor-types.ts';
import { LogicBuilder } from '../logic/logic-builder.tsx';
import { LogicPreview } from '../logic/logic-preview.tsx';
import { uniqueName } from './entity-ops.ts';

interface RulesEditorProps {
  entity: EntityDefinition;
  onChange: (rules: RuleDefinition[] | undefined) => void;
  issues: readonly DraftIssue[];
  readOnly?: boolean;
  /** Makes each rule's element id unique on the page (`<idPrefix>-rule-<n>`). */
  idPrefix: string;
}

/** Cross-field rules: a record is valid while each expression is truthy; else its message shows. */
export function RulesEditor({ entity, onChange, issues, readOnly, idPrefix }: RulesEditorProps) {
  const { t } = useTranslation();
  const rules = entity.rules ?? [];
  const variables = entity.fields.map((f) => f.name);
  const set = (next: RuleDefinition[]) => onChange(next.length ? next : undefined);
  const at = (i: number, patch: Partial<RuleDefinition>) =>
    set(
      rules.map((r, j) => {
        if (j !== i) return r;
        const n: Record<string, unknown> = { ...r, ...patch };
        for (const [k, v] of Object.entries(patch)) if (v === undefined) delete n[k];
        return n as unknown as RuleDefinition;
      }),
    );
  return (
    <Stack spacing={2}>
      {rules.map((r, i) => (
        <Paper
          key={i}
          id={`${idPrefix}-rule-${i}`}
          tabIndex={-1}
          variant="outlined"
          sx={{ p: 1.5 }}
          component="section"
          aria-label={t('editors.entity.rule', { name: r.name })}
        >
          <IssueList issues={issuesAt(issues, `/rules/${i}`)} />
          <Stack direction="row" spacing={1} sx={{ mb: 1, alignItems: 'center' }}>
            <TextField
              size="small"
              label={t('editors.common.name')}
              value={r.name}
              slotProps={{ input: { readOnly } }}
              onChange={(e) => at(i, { name: e.target.value })}
            />
            <TextField
              select
              size="small"
              sx={{ minWidth: 220 }}
              label={t('editors.entity.ruleField')}
              value={r.field ?? ''}
              disabled={readOnly}
              onChange={(e) => at(i, { field: e.target.value || undefined })}
            >
              <MenuItem value="">
                <em>{t('editors.entity.ruleFieldDefault')}</em>
              </MenuItem>
              {variables.map((v) => (
                <MenuItem key={v} value={v}>
                  {v}
                </MenuItem>
              ))}
            </TextField>
            <Box sx={{ flex: 1 }} />
            <IconButton
              aria-label={`${t('editors.entity.removeRule')}: ${r.name}`}
              disabled={readOnly}
              onClick={() => set(rules.filter((_, j) => j !== i))}
            >
              <DeleteOutlineIcon />
            </IconButton>
          </Stack>
          <LogicBuilder
            label={t('editors.entity.ruleExpression')}
            value={r.expression}
            variables={variables}
            readOnly={readOnly}
            onChange={(expression) => at(i, { expression: expression ?? true })}
          />
          <LogicPreview expression={r.expression} sample={sampleRecord(entity.fields)} />
          <Box sx={{ mt: 1 }}>
            <I18nTextInput
              label={t('editors.entity.ruleMessage')}
              value={r.message}
              readOnly={readOnly}
              onChange={(message) => at(i, { message: message ?? {} })}
            />
          </Box>
        </Paper>
      ))}
      {!readOnly && (
        <Box>
          <Button
            startIcon={<AddIcon />}
            onClick={() =>
              set([
                ...rules,
                {
                  name: uniqueName(
                    'rule',
                    rules.map((r) => r.name),
                  ),
                  expression: { '!!': { var: variables[0] ?? '' } },
                  message: { en: 'Check this value' },
                },
              ])
            }
          >
            {t('editors.entity.addRule')}
          </Button>
        </Box>
      )}
    </Stack>
  );
}
