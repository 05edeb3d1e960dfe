import { Button, Checkbox, FormControlLabel, MenuItem, Stack, TextField, Typography } from '@mui/material';
import type { AnyFormElement, I18nText } from '@opsflux/definitions';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { I18nTextInput } from '../common/i18n-text-input.tsx';
import { IssueList } from '../common/issue-list.tsx';
import type { DraftIssue } from '../editor-types.ts';
import { FormRuleEditor } from './form-rule-editor.tsx';
import { useElementCaption } from './form-tree-row.tsx';
import {
  canMove,
  fieldOf,
  flatten,
  getAt,
  isContainer,
  keyPath,
  moveTo,
  pathKey,
  scopeOf,
  updateAt,
  type Path,
} from './form-tree.ts';

interface InspectorProps {
  layout: AnyFormElement;
  path: Path;
  onChange: (next: AnyFormElement) => void;
  fields: string[];
  fieldLabel: (name: string) => string;
  issues: readonly DraftIssue[];
  readOnly?: boolean;
  /** The element moved elsewhere: its path no longer names it. */
  onMoved: () => void;
}

/** The selected element's settings: field, label or text, options, rule, and where it sits. */
export function FormElementInspector(props: InspectorProps) {
  const { t } = useTranslation();
  const caption = useElementCaption();
  const el = getAt(props.layout, props.path);
  const [into, setInto] = useState('');
  if (!el) return null;
  const patch = (p: Record<string, unknown>) =>
    props.onChange(
      updateAt(props.layout, props.path, (e) => {
        const next: Record<string, unknown> = { ...e, ...p };
        for (const [k, v] of Object.entries(p)) if (v === undefined) delete next[k];
        return next as unknown as AnyFormElement;
      }),
    );
  const containers = flatten(props.layout).filter(
    (r) => isContainer(r.element) && canMove(props.layout, props.path, { parent: r.path, index: 0 }),
  );
  const options = (el.type === 'Control' ? el.options : undefined) ?? {};
  const setOption = (k: string, v: boolean) => {
    const next: Record<string, unknown> = { ...options, [k]: v || undefined };
    if (!v) delete next[k];
    patch({ options: Object.keys(next).length ? next : undefined });
  };
  return (
    <Stack spacing={2} component="section" aria-label={t('editors.form.inspector')}>
      <Typography variant="subtitle1" component="h3">
        {t(`editors.form.types.${el.type}`)}
      </Typography>
      <IssueList issues={props.issues} />
      {el.type === 'Control' && (
        <>
          <TextField
            select
            size="small"
            label={t('editors.form.field')}
            value={fieldOf(el.scope)}
            disabled={props.readOnly}
            onChange={(e) => patch({ scope: scopeOf(e.target.value) })}
          >
            {props.fields.map((f) => (
              <MenuItem key={f} value={f}>
                {props.fieldLabel(f)} ({f})
              </MenuItem>
            ))}
          </TextField>
          <I18nTextInput
            label={t('editors.form.labelOverride')}
            value={el.label}
            readOnly={props.readOnly}
            onChange={(label) => patch({ label })}
          />
          <Stack direction="row">
            {(['multi', 'readonly'] as const).map((k) => (
              <FormControlLabel
                key={k}
                label={t(`editors.form.options.${k}`)}
                control={
                  <Checkbox
                    checked={options[k] === true}
                    disabled={props.readOnly}
                    onChange={(e) => setOption(k, e.target.checked)}
                  />
                }
              />
            ))}
          </Stack>
        </>
      )}
      {(el.type === 'Group' || el.type === 'Category' || el.type === 'Categorization') && (
        <I18nTextInput
          label={t('editors.common.label')}
          value={el.label}
          readOnly={props.readOnly}
          onChange={(label) =>
            patch({ label: label ?? (el.type === 'Categorization' ? undefined : ({ en: ' ' } as I18nText)) })
          }
        />
      )}
      {el.type === 'Label' && (
        <I18nTextInput
          label={t('editors.form.text')}
          value={el.text}
          readOnly={props.readOnly}
          multiline
          onChange={(text) => patch({ text: text ?? { en: ' ' } })}
        />
      )}
      {(el.type === 'VerticalLayout' || el.type === 'HorizontalLayout') && (
        <TextField
          select
          size="small"
          sx={{ maxWidth: 320 }}
          label={t('editors.form.direction')}
          value={el.type}
          disabled={props.readOnly}
          onChange={(e) => patch({ type: e.target.value })}
        >
          {(['VerticalLayout', 'HorizontalLayout'] as const).map((k) => (
            <MenuItem key={k} value={k}>
              {t(`editors.form.types.${k}`)}
            </MenuItem>
          ))}
        </TextField>
      )}
      {el.type !== 'Category' && (
        <FormRuleEditor
          rule={el.rule}
          fields={props.fields}
          readOnly={props.readOnly}
          onChange={(rule) => patch({ rule })}
        />
      )}
      {props.path.length > 0 && !props.readOnly && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <TextField
            select
            size="small"
            sx={{ minWidth: 260 }}
            label={t('editors.form.moveInto')}
            value={into}
            onChange={(e) => setInto(e.target.value)}
          >
            {containers.map((r) => (
              <MenuItem key={pathKey(r.path)} value={pathKey(r.path)}>
                {'— '.repeat(r.depth)}
                {t(`editors.form.types.${r.element.type}`)} {caption(r.element, props.fieldLabel)}
              </MenuItem>
            ))}
          </TextField>
          <Button
            variant="outlined"
            disabled={!into}
            onClick={() => {
              const parent = keyPath(into);
              const target = getAt(props.layout, parent);
              if (!isContainer(target)) return;
              props.onChange(moveTo(props.layout, props.path, { parent, index: target.elements.length }));
              setInto('');
              props.onMoved();
            }}
          >
            {t('editors.form.move')}
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
