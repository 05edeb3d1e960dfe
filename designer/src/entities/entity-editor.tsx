import { Box, Divider, Stack, Typography } from '@mui/material';
import type { EntityDefinition } from '@opsflux/definitions';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/editors-messages.ts';
import { IssueList } from '../common/issue-list.tsx';
import { indexIn, issuesAt, issuesOutside } from '../common/issues.ts';
import type { DefinitionEditorProps } from '../editor-types.ts';
import { addField, changeFieldType, moveField, removeField, renameField, updateField } from './entity-ops.ts';
import { EntitySettings } from './entity-settings.tsx';
import { FieldsSection } from './fields-section.tsx';
import { IndexesEditor } from './indexes-editor.tsx';
import { RulesEditor } from './rules-editor.tsx';

/** Scrolls to an element and moves the keyboard focus there, once it is drawn. */
function reveal(id: string) {
  requestAnimationFrame(() => {
    const el = document.getElementById(id);
    el?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    el?.focus({ preventScroll: true });
  });
}

/**
 * An entity (`entities/<name>.json`): its settings, its fields (order, types, options from the
 * field type registry, computed expressions) and its cross-field rules. Validation issues show
 * next to what they point at; `focusPointer` selects and reveals it.
 */
export function EntityEditor(props: DefinitionEditorProps<EntityDefinition>) {
  const { t } = useTranslation();
  // A file being written by hand may lack its fields yet: the editor starts them.
  const entity: EntityDefinition = {
    ...props.value,
    fields: Array.isArray(props.value?.fields) ? props.value.fields : [],
  };
  const id = useId();
  const [selected, setSelected] = useState<number | null>(() => indexIn(props.focusPointer, 'fields') ?? 0);
  // Fields added since the editor opened have no column yet: renaming them needs no `renamedFrom`.
  const added = useRef(new Set<string>());
  const change = (next: EntityDefinition) => props.onChange(next);

  useEffect(() => {
    const pointer = props.focusPointer;
    if (pointer === undefined) return;
    const field = indexIn(pointer, 'fields');
    const rule = indexIn(pointer, 'rules');
    if (field !== null) {
      setSelected(field);
      reveal(`${id}-field`);
    } else if (rule !== null) reveal(`${id}-rule-${rule}`);
    else if (pointer.startsWith('/indexes')) reveal(`${id}-indexes`);
    else reveal(`${id}-settings`);
  }, [props.focusPointer]);

  const fields = entity.fields ?? [];
  const current = selected !== null && selected < fields.length ? selected : null;
  const rename = (index: number, to: string) => {
    const from = fields[index]!.name;
    const isNew = added.current.has(from);
    if (isNew) {
      added.current.delete(from);
      added.current.add(to);
    }
    change(renameField(entity, index, to, isNew));
  };
  const add = () => {
    const next = addField(entity);
    added.current.add(next.fields[next.fields.length - 1]!.name);
    change(next);
    setSelected(next.fields.length - 1);
  };
  const move = (from: number, to: number) => {
    change(moveField(entity, from, to));
    if (current === from) setSelected(to);
  };

  return (
    <Stack spacing={3} sx={{ p: 2 }} aria-label={t('editors.entity.title', { name: entity.name })} component="article">
      <Box component="section" id={`${id}-settings`} tabIndex={-1} aria-labelledby={`${id}-settings-title`}>
        <Typography id={`${id}-settings-title`} variant="h5" component="h2" gutterBottom>
          {t('editors.entity.settings')}
        </Typography>
        <IssueList issues={issuesOutside(props.issues, ['/fields', '/rules', '/indexes'])} />
        <EntitySettings entity={entity} onChange={change} readOnly={props.readOnly} />
      </Box>
      <Divider />
      <FieldsSection
        id={id}
        title={t('editors.entity.fields')}
        addLabel={t('editors.entity.addField')}
        entity={entity}
        current={current}
        onSelect={setSelected}
        issues={props.issues}
        fieldIssues={(i) => issuesAt(props.issues, `/fields/${i}`)}
        context={props.context}
        readOnly={props.readOnly}
        onAdd={add}
        onMove={move}
        onRemove={(i) => {
          change(removeField(entity, i));
          setSelected(Math.max(0, Math.min(i, fields.length - 2)));
        }}
        onSet={(i, patch) => change(updateField(entity, i, patch))}
        onRename={rename}
        onTypeChange={(i, type) => change(changeFieldType(entity, i, type))}
      />
      <Box component="section" id={`${id}-indexes`} tabIndex={-1} aria-labelledby={`${id}-indexes-title`}>
        <Typography id={`${id}-indexes-title`} variant="h6" component="h3" gutterBottom>
          {t('editors.entity.indexes')}
        </Typography>
        <IssueList issues={issuesAt(props.issues, '/indexes')} />
        <IndexesEditor
          entity={entity}
          readOnly={props.readOnly}
          onChange={(indexes) => {
            const next: EntityDefinition = { ...entity, indexes };
            if (!indexes) delete next.indexes;
            change(next);
          }}
        />
      </Box>
      <Divider />
      <Box component="section" aria-labelledby={`${id}-rules-title`}>
        <Typography id={`${id}-rules-title`} variant="h5" component="h2" gutterBottom>
          {t('editors.entity.rules')}
        </Typography>
        <RulesEditor
          entity={entity}
          issues={props.issues}
          readOnly={props.readOnly}
          idPrefix={id}
          onChange={(rules) => {
            const next: EntityDefinition = { ...entity, rules };
            if (!rules) delete next.rules;
            change(next);
          }}
        />
      </Box>
    </Stack>
  );
}
