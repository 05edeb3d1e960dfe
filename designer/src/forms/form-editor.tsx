import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import {
  Alert,
  Box,
  Button,
  Divider,
  IconButton,
  MenuItem,
  Stack,
  Tab,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import {
  pickText,
  type AnyFormElement,
  type FormDefinition,
  type FormElement,
  type Language,
} from '@opsflux/definitions';
import { lazy, Suspense, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/editors-messages.ts';
import { findEntity, workflowStates } from '../common/entity-lookup.ts';
import { IssueList } from '../common/issue-list.tsx';
import type { DefinitionEditorProps } from '../editor-types.ts';
import { FormCanvas } from './form-canvas.tsx';
import { FormElementInspector } from './form-element-inspector.tsx';
import { issuesOfElement, placeOf } from './form-pointers.ts';
import { FormSettings } from './form-settings.tsx';
import { placedFields, type Path } from './form-tree.ts';

const MAIN = 'main';
// JSON Forms and its renderers are most of the editor's weight: the preview loads after the rest.
const FormPreview = lazy(() => import('./form-preview.tsx').then((m) => ({ default: m.FormPreview })));

/**
 * A form (`forms/<name>.json`): its layout tree edited by drag and drop (groups, rows,
 * categories, wizard steps, fields), each element's rule, one layout per workflow state when
 * needed, and a live preview drawn by the runtime UI's renderers in any of the four languages.
 */
export function FormEditor(props: DefinitionEditorProps<FormDefinition>) {
  const { t, i18n } = useTranslation();
  const id = useId();
  // A file being written by hand may lack its layout yet: the editor starts one.
  const form: FormDefinition = {
    ...props.value,
    layout:
      typeof props.value?.layout === 'object' && props.value.layout
        ? props.value.layout
        : { type: 'VerticalLayout', elements: [] },
  };
  const initial = props.focusPointer ? placeOf(props.focusPointer) : null;
  const [layoutKey, setLayoutKey] = useState(initial?.layout ?? MAIN);
  const [selected, setSelected] = useState<Path | null>(initial?.path ?? null);
  const [newVariant, setNewVariant] = useState('');

  useEffect(() => {
    const place = props.focusPointer ? placeOf(props.focusPointer) : null;
    if (!place) return;
    setLayoutKey(place.layout);
    setSelected(place.path);
    requestAnimationFrame(() => document.getElementById(`${id}-inspector`)?.scrollIntoView({ block: 'start' }));
  }, [props.focusPointer]);

  const entity = findEntity(props.context, form.entity);
  const lang = (i18n.resolvedLanguage ?? 'en') as Language;
  const fields = entity?.fields.map((f) => f.name) ?? [];
  const fieldLabel = (name: string) => {
    const f = entity?.fields.find((x) => x.name === name);
    return f ? pickText(f.label, lang) || name : name;
  };
  const variants = form.variants ?? {};
  const layout: FormElement = layoutKey === MAIN ? form.layout : (variants[layoutKey] ?? form.layout);
  const setLayout = (next: AnyFormElement) => {
    const el = next as FormElement;
    props.onChange(
      layoutKey === MAIN ? { ...form, layout: el } : { ...form, variants: { ...variants, [layoutKey]: el } },
    );
  };
  const states = workflowStates(props.context, form.entity).filter((s) => !(s in variants));
  const removeVariant = (state: string) => {
    const { [state]: _gone, ...rest } = variants;
    const next: FormDefinition = { ...form, variants: rest };
    if (!Object.keys(rest).length) delete next.variants;
    props.onChange(next);
    setLayoutKey(MAIN);
    setSelected(null);
  };
  const rootIssues = props.issues.filter((i) => placeOf(i.pointer) === null);

  return (
    <Stack spacing={3} sx={{ p: 2 }} component="article" aria-label={t('editors.form.title', { name: form.name })}>
      <Box component="section" aria-labelledby={`${id}-settings`}>
        <Typography id={`${id}-settings`} variant="h5" component="h2" gutterBottom>
          {t('editors.form.settings')}
        </Typography>
        <IssueList issues={rootIssues} />
        <FormSettings form={form} onChange={props.onChange} context={props.context} readOnly={props.readOnly} />
        {!entity && (
          <Alert severity="warning" sx={{ mt: 1 }}>
            {t('editors.form.unknownEntity', { entity: form.entity })}
          </Alert>
        )}
      </Box>
      <Divider />
      <Box component="section" aria-labelledby={`${id}-layout`}>
        <Typography id={`${id}-layout`} variant="h5" component="h2" gutterBottom>
          {t('editors.form.layout')}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
          <Tabs
            value={layoutKey}
            onChange={(_, v: string) => {
              setLayoutKey(v);
              setSelected(null);
            }}
            aria-label={t('editors.form.layouts')}
            variant="scrollable"
          >
            <Tab value={MAIN} label={t('editors.form.mainLayout')} />
            {Object.keys(variants).map((s) => (
              <Tab key={s} value={s} label={t('editors.form.variant', { state: s })} />
            ))}
          </Tabs>
          {layoutKey !== MAIN && !props.readOnly && (
            <IconButton
              aria-label={t('editors.form.removeVariant', { state: layoutKey })}
              onClick={() => removeVariant(layoutKey)}
            >
              <DeleteOutlineIcon />
            </IconButton>
          )}
          <Box sx={{ flex: 1 }} />
          {states.length > 0 && !props.readOnly && (
            <Stack direction="row" spacing={1}>
              <TextField
                select
                size="small"
                sx={{ minWidth: 200 }}
                label={t('editors.form.variantState')}
                value={newVariant}
                onChange={(e) => setNewVariant(e.target.value)}
              >
                {states.map((s) => (
                  <MenuItem key={s} value={s}>
                    {s}
                  </MenuItem>
                ))}
              </TextField>
              <Button
                startIcon={<AddIcon />}
                disabled={!newVariant}
                onClick={() => {
                  props.onChange({ ...form, variants: { ...variants, [newVariant]: structuredClone(form.layout) } });
                  setLayoutKey(newVariant);
                  setNewVariant('');
                  setSelected(null);
                }}
              >
                {t('editors.form.addVariant')}
              </Button>
            </Stack>
          )}
        </Stack>
        <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
          <Box sx={{ flex: 3, minWidth: 0, width: '100%' }}>
            <FormCanvas
              layout={layout}
              onChange={setLayout}
              selected={selected}
              onSelect={setSelected}
              unplaced={fields.filter((f) => !placedFields(layout).includes(f))}
              fieldLabel={fieldLabel}
              layoutKey={layoutKey}
              issues={props.issues}
              readOnly={props.readOnly}
            />
          </Box>
          <Box id={`${id}-inspector`} sx={{ flex: 2, minWidth: 0, width: '100%' }}>
            {selected ? (
              <FormElementInspector
                key={`${layoutKey}:${selected.join('.')}`}
                layout={layout}
                path={selected}
                onChange={setLayout}
                onMoved={() => setSelected(null)}
                fields={fields}
                fieldLabel={fieldLabel}
                issues={issuesOfElement(props.issues, layoutKey, selected)}
                readOnly={props.readOnly}
              />
            ) : (
              <Typography color="text.secondary">{t('editors.form.selectHint')}</Typography>
            )}
          </Box>
        </Stack>
      </Box>
      <Divider />
      {entity && (
        <Suspense fallback={<Typography color="text.secondary">{t('editors.form.previewLoading')}</Typography>}>
          <FormPreview key={layoutKey} entity={entity} bundle={props.context.bundle} layout={layout} />
        </Suspense>
      )}
    </Stack>
  );
}
