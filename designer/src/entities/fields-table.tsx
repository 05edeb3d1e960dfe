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
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import DragIndicatorIcon from '@mui/icons-material/DragIndicator';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutline';
import {
  Badge,
  Box,
  Chip,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
} from '@mui/material';
import { pickText, type FieldDefinition, type Language } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';

/** Read by screen readers, not shown. */
const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

interface FieldsTableProps {
  fields: readonly FieldDefinition[];
  selected: number | null;
  onSelect: (index: number) => void;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
  issueCount: (index: number) => number;
  readOnly?: boolean;
}

/** The entity's fields in order: pick one to edit it, drag (or use the arrows) to reorder. */
export function FieldsTable(props: FieldsTableProps) {
  const { t } = useTranslation();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const ids = props.fields.map((f, i) => `${i}:${f.name}`);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    props.onMove(ids.indexOf(String(active.id)), ids.indexOf(String(over.id)));
  };
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        <Table size="small" aria-label={t('editors.entity.fields')}>
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox">
                <Box component="span" sx={visuallyHidden}>
                  {t('editors.entity.reorder')}
                </Box>
              </TableCell>
              <TableCell>{t('editors.common.name')}</TableCell>
              <TableCell>{t('editors.entity.type')}</TableCell>
              <TableCell>{t('editors.common.label')}</TableCell>
              <TableCell>{t('editors.entity.flags')}</TableCell>
              <TableCell align="right">{t('editors.entity.actions')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {props.fields.map((f, i) => (
              <FieldRow key={ids[i]} id={ids[i]!} field={f} index={i} {...props} />
            ))}
          </TableBody>
        </Table>
      </SortableContext>
    </DndContext>
  );
}

function FieldRow(props: FieldsTableProps & { id: string; field: FieldDefinition; index: number }) {
  const { t, i18n } = useTranslation();
  const { field, index } = props;
  const sortable = useSortable({ id: props.id, disabled: props.readOnly });
  const issues = props.issueCount(index);
  const selected = props.selected === index;
  const flags = (['required', 'unique', 'index', 'searchable', 'sensitive'] as const).filter((k) => field[k] === true);
  return (
    <TableRow
      ref={sortable.setNodeRef}
      hover
      selected={selected}
      aria-selected={selected}
      onClick={() => props.onSelect(index)}
      sx={{ cursor: 'pointer', transform: CSS.Transform.toString(sortable.transform), transition: sortable.transition }}
    >
      <TableCell padding="checkbox">
        <IconButton
          size="small"
          aria-label={t('editors.entity.dragField', { name: field.name })}
          {...sortable.attributes}
          {...sortable.listeners}
          sx={{ cursor: 'grab' }}
        >
          <DragIndicatorIcon fontSize="small" />
        </IconButton>
      </TableCell>
      <TableCell>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <button
            type="button"
            onClick={() => props.onSelect(index)}
            aria-pressed={selected}
            style={{ all: 'unset', cursor: 'pointer', fontFamily: 'monospace' }}
            className="field-name"
          >
            {field.name}
          </button>
          {field.renamedFrom && (
            <Chip
              size="small"
              variant="outlined"
              label={t('editors.entity.renamedFrom', { name: field.renamedFrom })}
            />
          )}
          {issues > 0 && (
            <Tooltip title={t('editors.entity.fieldIssues', { count: issues })}>
              <Badge badgeContent={issues} color="error">
                <ErrorOutlineIcon
                  color="error"
                  fontSize="small"
                  aria-label={t('editors.entity.fieldIssues', { count: issues })}
                />
              </Badge>
            </Tooltip>
          )}
        </Stack>
      </TableCell>
      <TableCell>{t(`editors.entity.types.${field.type}`)}</TableCell>
      <TableCell>{pickText(field.label, i18n.resolvedLanguage as Language)}</TableCell>
      <TableCell>
        <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap' }}>
          {flags.map((k) => (
            <Chip key={k} size="small" label={t(`editors.entity.${k}`)} />
          ))}
        </Stack>
      </TableCell>
      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }} onClick={(e) => e.stopPropagation()}>
        <IconButton
          size="small"
          aria-label={`${t('editors.common.moveUp')}: ${field.name}`}
          disabled={props.readOnly || index === 0}
          onClick={() => props.onMove(index, index - 1)}
        >
          <ArrowUpwardIcon fontSize="small" />
        </IconButton>
        <IconButton
          size="small"
          aria-label={`${t('editors.common.moveDown')}: ${field.name}`}
          disabled={props.readOnly || index === props.fields.length - 1}
          onClick={() => props.onMove(index, index + 1)}
        >
          <ArrowDownwardIcon fontSize="small" />
        </IconButton>
        <IconButton
          size="small"
          aria-label={`${t('editors.entity.removeField')}: ${field.name}`}
          disabled={props.readOnly || props.fields.length <= 1}
          onClick={() => props.onRemove(index)}
        >
          <DeleteOutlineIcon fontSize="small" />
        </IconButton>
      </TableCell>
    </TableRow>
  );
}
