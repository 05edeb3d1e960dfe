import { Autocomplete, Box, Divider, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { pickText, VIEW_TYPES, type Language, type ViewDefinition } from '@opsflux/definitions';
import { useEffect, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/editors-messages.ts';
import { entityOptions, findEntity, workflowStates, type EntityOption } from '../common/entity-lookup.ts';
import { I18nTextInput } from '../common/i18n-text-input.tsx';
import { IssueList } from '../common/issue-list.tsx';
import { issuesAt, issuesOutside } from '../common/issues.ts';
import type { DefinitionEditorProps } from '../editor-types.ts';
import { FilterEditor } from './filter-editor.tsx';
import { ColumnsEditor } from './view-columns.tsx';
import { columnChoices, groupChoices, sortChoices } from './view-fields.ts';
import { KanbanEditor, SortEditor } from './view-sort-kanban.tsx';

const SECTIONS = ['/columns', '/sort', '/filter', '/kanban'] as const;

/**
 * A view (`views/<name>.json`): a list's columns (order, width), its default sort and filter
 * (the data API's filter language), and a board's lanes and card fields.
 */
export function ViewEditor(props: DefinitionEditorProps<ViewDefinition>) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const view = props.value;
  const lang = (i18n.resolvedLanguage ?? 'en') as Language;
  const entity = findEntity(props.context, view.entity);
  const hasWorkflow = workflowStates(props.context, view.entity).length > 0;
  const fieldLabel = (name: string) => {
    const f = entity?.fields.find((x) => x.name === name);
    if (f) return pickText(f.label, lang) || name;
    // `state` and the system columns every record has.
    return t(`editors.view.systemColumns.${name}`, { defaultValue: name });
  };
  const set = (patch: Partial<ViewDefinition>) => {
    const next: Record<string, unknown> = { ...view, ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete next[k];
    props.onChange(next as unknown as ViewDefinition);
  };
  const options = entityOptions(props.context, lang);
  const current =
    options.find((o) => o.value === view.entity) ??
    (view.entity ? { value: view.entity, label: view.entity, bundle: '' } : null);
  const choices = columnChoices(entity, hasWorkflow);

  useEffect(() => {
    const pointer = props.focusPointer;
    if (pointer === undefined) return;
    const section = SECTIONS.find((s) => pointer === s || pointer.startsWith(`${s}/`)) ?? '/settings';
    requestAnimationFrame(() => {
      const el = document.getElementById(`${id}${section.replace('/', '-')}`);
      el?.scrollIntoView({ block: 'start' });
      el?.focus({ preventScroll: true });
    });
  }, [props.focusPointer]);

  const section = (key: string, title: string, body: ReactNode) => (
    <Box component="section" id={`${id}-${key}`} tabIndex={-1} aria-labelledby={`${id}-${key}-title`}>
      <Typography id={`${id}-${key}-title`} variant="h6" component="h3" gutterBottom>
        {title}
      </Typography>
      <IssueList issues={issuesAt(props.issues, `/${key}`)} />
      {body}
    </Box>
  );

  return (
    <Stack spacing={3} sx={{ p: 2 }} component="article" aria-label={t('editors.view.title', { name: view.name })}>
      <Box component="section" id={`${id}-settings`} tabIndex={-1} aria-labelledby={`${id}-settings-title`}>
        <Typography id={`${id}-settings-title`} variant="h5" component="h2" gutterBottom>
          {t('editors.view.settings')}
        </Typography>
        <IssueList issues={issuesOutside(props.issues, SECTIONS)} />
        <Stack spacing={2}>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
            <TextField
              size="small"
              label={t('editors.common.name')}
              value={view.name}
              slotProps={{ input: { readOnly: props.readOnly } }}
              onChange={(e) => set({ name: e.target.value })}
            />
            <Autocomplete<EntityOption>
              size="small"
              sx={{ minWidth: 300 }}
              options={options}
              groupBy={(o) => o.bundle}
              value={current}
              disabled={props.readOnly}
              isOptionEqualToValue={(a, b) => a.value === b.value}
              getOptionLabel={(o) => o.label}
              onChange={(_, o) => o && set({ entity: o.value })}
              renderInput={(params) => <TextField {...params} label={t('editors.view.entity')} />}
            />
            <TextField
              select
              size="small"
              sx={{ minWidth: 160 }}
              label={t('editors.view.type')}
              value={view.type}
              disabled={props.readOnly}
              onChange={(e) => {
                const type = e.target.value as ViewDefinition['type'];
                const groupBy = groupChoices(entity, hasWorkflow)[0] ?? '';
                set(
                  type === 'kanban'
                    ? { type, kanban: view.kanban ?? { groupBy, cardFields: [] } }
                    : { type, kanban: undefined },
                );
              }}
            >
              {VIEW_TYPES.map((v) => (
                <MenuItem key={v} value={v}>
                  {t(`editors.view.types.${v}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              size="small"
              type="number"
              sx={{ flexShrink: 0, width: 140 }}
              label={t('editors.view.pageSize')}
              value={view.pageSize ?? ''}
              slotProps={{ input: { readOnly: props.readOnly }, htmlInput: { min: 1, max: 500 } }}
              onChange={(e) => set({ pageSize: e.target.value === '' ? undefined : Number(e.target.value) })}
            />
          </Stack>
          <I18nTextInput
            label={t('editors.common.label')}
            value={view.label}
            readOnly={props.readOnly}
            onChange={(label) => set({ label: label ?? {} })}
          />
        </Stack>
      </Box>
      <Divider />
      {section(
        'columns',
        t('editors.view.columns'),
        <ColumnsEditor
          columns={view.columns ?? []}
          onChange={(columns) => set({ columns })}
          choices={choices}
          fieldLabel={fieldLabel}
          readOnly={props.readOnly}
        />,
      )}
      {section(
        'sort',
        t('editors.view.sort'),
        <SortEditor
          sort={view.sort ?? []}
          onChange={(sort) => set({ sort })}
          choices={sortChoices(entity, hasWorkflow)}
          fieldLabel={fieldLabel}
          readOnly={props.readOnly}
        />,
      )}
      <Box component="section" id={`${id}-filter`} tabIndex={-1} aria-label={t('editors.view.filter')}>
        <IssueList issues={issuesAt(props.issues, '/filter')} />
        <FilterEditor
          value={view.filter}
          onChange={(filter) => set({ filter })}
          fields={choices}
          readOnly={props.readOnly}
        />
      </Box>
      {view.type === 'kanban' &&
        section(
          'kanban',
          t('editors.view.kanban'),
          <KanbanEditor
            kanban={view.kanban}
            onChange={(kanban) => set({ kanban })}
            groups={groupChoices(entity, hasWorkflow)}
            cardChoices={choices}
            fieldLabel={fieldLabel}
            readOnly={props.readOnly}
          />,
        )}
    </Stack>
  );
}
