import { useDraggable } from '@dnd-kit/core';
import AddIcon from '@mui/icons-material/Add';
import { Button, Chip, Paper, Stack, Typography } from '@mui/material';
import type { AnyFormElement } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import {
  canContain,
  getAt,
  insertAt,
  isContainer,
  newElement,
  type DropTarget,
  type NewElementKind,
  type Path,
} from './form-tree.ts';

interface FormPaletteProps {
  layout: AnyFormElement;
  selected: Path | null;
  unplaced: string[];
  fieldLabel: (name: string) => string;
  onChange: (next: AnyFormElement) => void;
  readOnly?: boolean;
}

const CONTAINERS: NewElementKind[] = [
  'Group',
  'HorizontalLayout',
  'VerticalLayout',
  'Label',
  'Categorization',
  'Category',
];

/** Where a new element goes: into the selected container, else after the selected element, else at the end. */
export function insertionPoint(root: AnyFormElement, selected: Path | null, el: AnyFormElement): DropTarget | null {
  const candidates: DropTarget[] = [];
  if (selected) {
    const sel = getAt(root, selected);
    if (isContainer(sel)) candidates.push({ parent: selected, index: sel.elements.length });
    if (selected.length) candidates.push({ parent: selected.slice(0, -1), index: selected[selected.length - 1]! + 1 });
  }
  if (isContainer(root)) candidates.push({ parent: [], index: root.elements.length });
  return candidates.find((c) => canContain(getAt(root, c.parent), el)) ?? null;
}

function FieldChip(props: { name: string; label: string; onAdd: () => void; readOnly?: boolean }) {
  const { t } = useTranslation();
  const drag = useDraggable({ id: `field:${props.name}`, disabled: props.readOnly });
  return (
    <Chip
      ref={drag.setNodeRef}
      {...drag.attributes}
      {...drag.listeners}
      label={props.label}
      onDelete={props.readOnly ? undefined : props.onAdd}
      deleteIcon={<AddIcon aria-label={t('editors.form.addField', { name: props.label })} />}
      sx={{ cursor: 'grab', opacity: drag.isDragging ? 0.4 : 1 }}
      aria-label={t('editors.form.dragField', { name: props.label })}
    />
  );
}

/** Fields not placed yet (drag them in, or add them where the selection is) and new containers. */
export function FormPalette(props: FormPaletteProps) {
  const { t } = useTranslation();
  const add = (el: AnyFormElement) => {
    const at = insertionPoint(props.layout, props.selected, el);
    if (at) props.onChange(insertAt(props.layout, at, el));
  };
  const fresh = (kind: NewElementKind) => newElement(kind, { en: t(`editors.form.types.${kind}`) });
  return (
    <Paper variant="outlined" sx={{ p: 1 }} component="section" aria-label={t('editors.form.palette')}>
      <Typography variant="subtitle2" component="h3">
        {t('editors.form.unplaced')}
      </Typography>
      <Stack direction="row" useFlexGap spacing={1} sx={{ flexWrap: 'wrap', my: 1 }}>
        {props.unplaced.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {t('editors.form.allPlaced')}
          </Typography>
        )}
        {props.unplaced.map((name) => (
          <FieldChip
            key={name}
            name={name}
            label={props.fieldLabel(name)}
            readOnly={props.readOnly}
            onAdd={() => add(newElement('Control', {}, name))}
          />
        ))}
      </Stack>
      {!props.readOnly && (
        <Stack direction="row" useFlexGap spacing={1} sx={{ flexWrap: 'wrap' }}>
          {CONTAINERS.map((kind) => (
            <Button
              key={kind}
              size="small"
              variant="outlined"
              startIcon={<AddIcon />}
              disabled={!insertionPoint(props.layout, props.selected, fresh(kind))}
              onClick={() => add(fresh(kind))}
            >
              {t(`editors.form.types.${kind}`)}
            </Button>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
