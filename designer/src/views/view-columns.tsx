import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import AddIcon from '@mui/icons-material/Add';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import DragIndicatorIcon from '@mui/icons-material/DragIndicator';
import { Box, Button, IconButton, MenuItem, Stack, TextField } from '@mui/material';
import type { ViewColumn } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';

interface ColumnsEditorProps {
  columns: ViewColumn[];
  onChange: (next: ViewColumn[]) => void;
  choices: string[];
  fieldLabel: (name: string) => string;
  readOnly?: boolean;
}

function move<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [x] = next.splice(from, 1);
  next.splice(to, 0, x!);
  return next;
}

/** The list's columns in order: which field, how wide; dragged or moved with the arrows. */
export function ColumnsEditor(props: ColumnsEditorProps) {
  const { t } = useTranslation();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const ids = props.columns.map((c, i) => `${i}:${c.field}`);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over && active.id !== over.id)
      props.onChange(move(props.columns, ids.indexOf(String(active.id)), ids.indexOf(String(over.id))));
  };
  const unused = props.choices.filter((c) => !props.columns.some((col) => col.field === c));
  return (
    <Stack spacing={1}>
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <SortableContext items={ids} strategy={verticalListSortingStrategy}>
          <Box component="ol" aria-label={t('editors.view.columns')} sx={{ listStyle: 'none', m: 0, p: 0 }}>
            {props.columns.map((c, i) => (
              <ColumnRow key={ids[i]} id={ids[i]!} index={i} column={c} {...props} />
            ))}
          </Box>
        </SortableContext>
      </DndContext>
      {!props.readOnly && unused.length > 0 && (
        <Box>
          <Button
            size="small"
            startIcon={<AddIcon />}
            onClick={() => props.onChange([...props.columns, { field: unused[0]! }])}
          >
            {t('editors.view.addColumn')}
          </Button>
        </Box>
      )}
    </Stack>
  );
}

function ColumnRow(props: ColumnsEditorProps & { id: string; index: number; column: ViewColumn }) {
  const { t } = useTranslation();
  const { column, index, columns } = props;
  const sortable = useSortable({ id: props.id, disabled: props.readOnly });
  const set = (patch: Partial<ViewColumn>) =>
    props.onChange(
      columns.map((c, i) => {
        if (i !== index) return c;
        const next: ViewColumn = { ...c, ...patch };
        if (next.width === undefined) delete next.width;
        return next;
      }),
    );
  const name = props.fieldLabel(column.field);
  return (
    <Stack
      component="li"
      ref={sortable.setNodeRef}
      direction="row"
      spacing={1}
      sx={{
        alignItems: 'center',
        py: 0.5,
        transform: CSS.Transform.toString(sortable.transform),
        transition: sortable.transition,
      }}
    >
      <IconButton
        size="small"
        aria-label={t('editors.view.dragColumn', { name })}
        {...sortable.attributes}
        {...sortable.listeners}
        sx={{ cursor: 'grab' }}
      >
        <DragIndicatorIcon fontSize="small" />
      </IconButton>
      <TextField
        select
        size="small"
        sx={{ minWidth: 240 }}
        label={t('editors.view.column', { n: index + 1 })}
        value={column.field}
        disabled={props.readOnly}
        onChange={(e) => set({ field: e.target.value })}
      >
        {[...new Set([column.field, ...props.choices])]
          .filter((c) => c === column.field || !columns.some((x) => x.field === c))
          .map((c) => (
            <MenuItem key={c} value={c}>
              {props.fieldLabel(c)} ({c})
            </MenuItem>
          ))}
      </TextField>
      <TextField
        size="small"
        type="number"
        sx={{ flexShrink: 0, width: 140 }}
        label={t('editors.view.width')}
        value={column.width ?? ''}
        slotProps={{ input: { readOnly: props.readOnly }, htmlInput: { min: 40, max: 2000 } }}
        onChange={(e) => set({ width: e.target.value === '' ? undefined : Number(e.target.value) })}
      />
      <IconButton
        size="small"
        aria-label={`${t('editors.common.moveUp')}: ${name}`}
        disabled={props.readOnly || index === 0}
        onClick={() => props.onChange(move(columns, index, index - 1))}
      >
        <ArrowUpwardIcon fontSize="small" />
      </IconButton>
      <IconButton
        size="small"
        aria-label={`${t('editors.common.moveDown')}: ${name}`}
        disabled={props.readOnly || index === columns.length - 1}
        onClick={() => props.onChange(move(columns, index, index + 1))}
      >
        <ArrowDownwardIcon fontSize="small" />
      </IconButton>
      <IconButton
        size="small"
        aria-label={`${t('editors.common.remove')}: ${name}`}
        disabled={props.readOnly || columns.length <= 1}
        onClick={() => props.onChange(columns.filter((_, i) => i !== index))}
      >
        <DeleteOutlineIcon fontSize="small" />
      </IconButton>
    </Stack>
  );
}
