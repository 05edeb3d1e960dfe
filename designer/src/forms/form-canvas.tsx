import { DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { Box, Paper, Typography } from '@mui/material';
import type { AnyFormElement } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import type { DraftIssue } from '../editor-types.ts';
import { FormPalette } from './form-palette.tsx';
import { issuesOfElement } from './form-pointers.ts';
import { FormTreeRow } from './form-tree-row.tsx';
import {
  canContain,
  canMove,
  flatten,
  getAt,
  insertAt,
  isContainer,
  keyPath,
  pathKey,
  moveTo,
  newElement,
  type DropTarget,
  type Path,
} from './form-tree.ts';

interface FormCanvasProps {
  layout: AnyFormElement;
  onChange: (next: AnyFormElement) => void;
  selected: Path | null;
  onSelect: (path: Path) => void;
  /** Fields of the entity not placed in this layout yet. */
  unplaced: string[];
  fieldLabel: (name: string) => string;
  layoutKey: string;
  issues: readonly DraftIssue[];
  readOnly?: boolean;
}

const isUnder = (parent: Path, path: Path) => path.length > parent.length && parent.every((v, i) => v === path[i]);

/** Where a drop zone id points: `before:<path>` or `end:<path>`. */
function targetOf(root: AnyFormElement, id: string): DropTarget | null {
  const [kind, key] = id.split(':') as [string, string];
  const path = keyPath(key);
  if (kind === 'before' && path.length) return { parent: path.slice(0, -1), index: path[path.length - 1]! };
  const el = getAt(root, path);
  if (kind === 'end' && isContainer(el)) return { parent: path, index: el.elements.length };
  return null;
}

/**
 * The layout as a tree: drag an element by its handle (or a field from the palette) onto the
 * line before another element or onto the end of a container. Arrow buttons and the inspector's
 * "move into" do the same from the keyboard.
 */
export function FormCanvas(props: FormCanvasProps) {
  const { t } = useTranslation();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor),
  );
  const root = props.layout;
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over) return;
    const target = targetOf(root, String(over.id));
    if (!target) return;
    const id = String(active.id);
    if (id.startsWith('field:')) {
      const control = newElement('Control', {}, id.slice('field:'.length));
      if (canContain(getAt(root, target.parent), control)) props.onChange(insertAt(root, target, control));
      return;
    }
    const from = keyPath(id.slice('el:'.length));
    if (canMove(root, from, target)) props.onChange(moveTo(root, from, target));
  };
  const rows = flatten(root);
  // The end of each container comes after its last descendant: deepest first.
  const ends: Path[][] = rows.map(() => []);
  rows.forEach((row, i) => {
    if (!isContainer(row.element)) return;
    let last = i;
    while (last + 1 < rows.length && isUnder(row.path, rows[last + 1]!.path)) last++;
    ends[last]!.unshift(row.path);
  });
  return (
    <DndContext sensors={sensors} onDragEnd={onDragEnd}>
      <FormPalette
        layout={root}
        selected={props.selected}
        unplaced={props.unplaced}
        fieldLabel={props.fieldLabel}
        onChange={props.onChange}
        readOnly={props.readOnly}
      />
      <Paper variant="outlined" sx={{ p: 1, mt: 1 }}>
        <Typography variant="subtitle2" component="h3" sx={{ px: 1 }}>
          {t('editors.form.layoutTree')}
        </Typography>
        <Box component="ul" aria-label={t('editors.form.layoutTree')} sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {rows.map((row, i) => (
            <FormTreeRow
              key={pathKey(row.path)}
              row={row}
              root={root}
              endsAfter={ends[i] ?? []}
              selected={props.selected}
              onSelect={props.onSelect}
              onChange={props.onChange}
              fieldLabel={props.fieldLabel}
              issues={issuesOfElement(props.issues, props.layoutKey, row.path)}
              readOnly={props.readOnly}
            />
          ))}
        </Box>
      </Paper>
    </DndContext>
  );
}
