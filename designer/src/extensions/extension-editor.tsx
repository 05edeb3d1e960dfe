import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Alert,
  Autocomplete,
  Box,
  Divider,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { pickText, type ExtensionDefinition, type Language } from '@opsflux/definitions';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/editors-messages.ts';
import { I18nTextInput } from '../common/i18n-text-input.tsx';
import { IssueList } from '../common/issue-list.tsx';
import { indexIn, issuesAt, issuesOutside } from '../common/issues.ts';
import type { DefinitionEditorProps, DraftIssue } from '../editor-types.ts';
import { addField, changeFieldType, moveField, removeField, renameField, updateField } from '../entities/entity-ops.ts';
import { FieldsSection } from '../entities/fields-section.tsx';
import { useExtensionT } from '../i18n/extensions-messages.ts';
import {
  asEntity,
  dependencies,
  extensionTargets,
  isNewField,
  nameClashes,
  normalizeExtension,
  siblingExtensions,
  targetFields,
  withFields,
  type Clash,
} from './extension-ops.ts';
import { TargetFields, useFieldOwners } from './target-fields.tsx';

/** `Site (core.site)`: an entity of another bundle by its label and key. */
function entityLabel(def: unknown, key: string, lang: Language): string {
  const label = (def as { label?: Parameters<typeof pickText>[0] } | undefined)?.label;
  const text = label ? pickText(label, lang) : '';
  return text ? `${text} (${key})` : key;
}

/** Scrolls to an element and moves the keyboard focus there, once it is drawn. */
function reveal(id: string) {
  requestAnimationFrame(() => {
    const el = document.getElementById(id);
    el?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    el?.focus({ preventScroll: true });
  });
}

/**
 * An extension (`extensions/<name>.json`): the entity of a dependency it adds fields to, that
 * entity's fields (read-only), and the fields it adds, edited with the entity editor's table and
 * settings. A name the target already uses is flagged as it is typed; the engine's issues show
 * next to what they point at and `focusPointer` reveals it.
 */
export function ExtensionEditor(props: DefinitionEditorProps<ExtensionDefinition>) {
  const t = useExtensionT();
  const { i18n } = useTranslation();
  const ext = normalizeExtension(props.value);
  const { context } = props;
  const id = useId();
  const [selected, setSelected] = useState<number | null>(() => indexIn(props.focusPointer, 'fields') ?? 0);
  // Fields added since the editor opened have no column yet: renaming them needs no `renamedFrom`.
  const added = useRef(new Set<string>());
  const change = (next: ExtensionDefinition) => props.onChange(next);
  const edit = (entityOp: (e: ReturnType<typeof asEntity>) => ReturnType<typeof asEntity>) =>
    change(withFields(ext, entityOp(asEntity(ext))));

  useEffect(() => {
    const field = indexIn(props.focusPointer, 'fields');
    if (props.focusPointer === undefined) return;
    if (field !== null) {
      setSelected(field);
      reveal(`${id}-field`);
    } else reveal(`${id}-settings`);
  }, [props.focusPointer]);

  const targets = extensionTargets(context);
  const { owners, settled } = useFieldOwners(ext.entity);
  const existing = targetFields(context.otherEntities[ext.entity], owners);
  const clashes = nameClashes(ext, existing, context.bundle, siblingExtensions(context.files, props.path, ext.entity));
  const targetBundle = ext.entity.split('.')[0] ?? '';
  const depMissing = !!targetBundle && ext.entity.includes('.') && !dependencies(context.files).includes(targetBundle);

  const clashMessage = (i: number, clash: Clash) =>
    t(`clash.${clash.kind}`, {
      name: ext.fields[i]!.name,
      entity: ext.entity,
      bundle: clash.kind === 'otherBundle' ? clash.bundle : '',
      file: clash.kind === 'sibling' ? clash.file : '',
    });
  /** The engine's issues on a field, and the clash found here unless the engine said it already. */
  const fieldIssues = (i: number): DraftIssue[] => {
    const found = issuesAt(props.issues, `/fields/${i}`);
    const clash = clashes.get(i);
    const pointer = `/fields/${i}/name`;
    if (!clash || found.some((f) => f.pointer === pointer && f.code === 'extension.field_taken')) return found;
    return [{ file: props.path, pointer, code: 'extension.field_taken', message: clashMessage(i, clash) }, ...found];
  };

  const fields = ext.fields;
  const current = selected !== null && selected < fields.length ? selected : null;
  const rename = (index: number, to: string) => {
    const from = fields[index]!.name;
    // Until the target's published fields are read, a field there at opening counts as published.
    const known = settled && ext.entity in context.otherEntities ? existing : null;
    const isNew = isNewField(from, added.current, known, context.bundle);
    if (added.current.has(from)) {
      added.current.delete(from);
      added.current.add(to);
    }
    edit((e) => renameField(e, index, to, isNew));
  };
  const add = () => {
    const next = addField(asEntity(ext));
    added.current.add(next.fields[next.fields.length - 1]!.name);
    change(withFields(ext, next));
    setSelected(next.fields.length - 1);
  };

  return (
    <Stack spacing={3} sx={{ p: 2 }} aria-label={t('title', { name: ext.name })} component="article">
      <Box component="section" id={`${id}-settings`} tabIndex={-1} aria-labelledby={`${id}-settings-title`}>
        <Typography id={`${id}-settings-title`} variant="h5" component="h2" gutterBottom>
          {t('settings')}
        </Typography>
        <IssueList issues={issuesOutside(props.issues, ['/fields'])} />
        <Stack spacing={2}>
          {!targets.length && <Alert severity="info">{t('noTargets')}</Alert>}
          {depMissing && <Alert severity="warning">{t('notDependency', { bundle: targetBundle })}</Alert>}
          <Autocomplete<string>
            size="small"
            sx={{ maxWidth: 480 }}
            options={targets.includes(ext.entity) || !ext.entity ? targets : [ext.entity, ...targets]}
            groupBy={(o) => o.split('.')[0]!}
            getOptionLabel={(o) => entityLabel(context.otherEntities[o], o, i18n.resolvedLanguage as Language)}
            value={ext.entity || null}
            disabled={props.readOnly}
            onChange={(_, entity) => change({ ...ext, entity: entity ?? '' })}
            renderInput={(params) => <TextField {...params} label={t('target')} helperText={t('targetHelp')} />}
          />
          <I18nTextInput
            label={t('description')}
            value={ext.description}
            readOnly={props.readOnly}
            onChange={(description) => {
              const next: ExtensionDefinition = { ...ext, description };
              if (!description) delete next.description;
              change(next);
            }}
          />
        </Stack>
      </Box>
      {ext.entity && (
        // A long list starts folded, so the fields being written stay in view.
        <Accordion key={ext.entity} defaultExpanded={existing.length <= 12} disableGutters variant="outlined">
          <AccordionSummary expandIcon={<ExpandMoreIcon />} aria-controls={`${id}-existing`}>
            <Typography variant="h6" component="h3">
              {t('existing', { entity: ext.entity })} ({existing.length})
            </Typography>
          </AccordionSummary>
          <AccordionDetails id={`${id}-existing`}>
            <TargetFields target={ext.entity} fields={existing} bundle={context.bundle} />
          </AccordionDetails>
        </Accordion>
      )}
      <Divider />
      <FieldsSection
        id={id}
        title={t('fields')}
        addLabel={t('addField')}
        entity={asEntity(ext)}
        current={current}
        onSelect={setSelected}
        issues={props.issues}
        fieldIssues={fieldIssues}
        context={context}
        readOnly={props.readOnly}
        onAdd={add}
        onMove={(from, to) => {
          edit((e) => moveField(e, from, to));
          if (current === from) setSelected(to);
        }}
        onRemove={(i) => {
          edit((e) => removeField(e, i));
          setSelected(Math.max(0, Math.min(i, fields.length - 2)));
        }}
        onSet={(i, patch) => edit((e) => updateField(e, i, patch))}
        onRename={rename}
        onTypeChange={(i, type) => edit((e) => changeFieldType(e, i, type))}
      />
    </Stack>
  );
}
