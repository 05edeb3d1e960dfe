import { useDraggable, useDroppable } from '@dnd-kit/core';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import DragIndicatorIcon from '@mui/icons-material/DragIndicator';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutline';
import RuleIcon from '@mui/icons-material/Rule';
import { Box, Chip, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import { pickText, type AnyFormElement, type Language } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import type { DraftIssue } from '../editor-types.ts';
import {
  fieldOf,
  getAt,
  isContainer,
  moveBy,
  pathKey,
  removeAt,
  samePath,
  type FlatRow,
  type Path,
} from './form-tree.ts';

interface FormTreeRowProps {
  row: FlatRow;
  root: AnyFormElement;
  /** Containers whose last descendant is this row: their end drop zones follow it. */
  endsAfter: Path[];
  selected: Path | null;
  onSelect: (path: Path) => void;
  onChange: (next: AnyFormElement) => void;
  fieldLabel: (name: string) => string;
  issues: readonly DraftIssue[];
  readOnly?: boolean;
}

/** What a row says about its element: the field, its label or its text. */
export function useElementCaption() {
  const { i18n } = useTranslation();
  const lang = (i18n.resolvedLanguage ?? 'en') as Language;
  return (el: AnyFormElement, fieldLabel: (name: string) => string) => {
    if (el.type === 'Control') return el.label ? pickText(el.label, lang) : fieldLabel(fieldOf(el.scope));
    if (el.type === 'Label') return pickText(el.text, lang);
    if ('label' in el && el.label) return pickText(el.label, lang);
    return '';
  };
}

function DropLine(props: { id: string; depth: number; label: string; end?: boolean }) {
  const { isOver, setNodeRef } = useDroppable({ id: props.id });
  return (
    <Box
      ref={setNodeRef}
      role="separator"
      aria-label={props.label}
      sx={{
        ml: props.depth * 3,
        height: props.end ? 14 : 6,
        borderRadius: 1,
        bgcolor: isOver ? 'primary.main' : props.end ? 'action.hover' : 'transparent',
        transition: 'background-color 120ms',
      }}
    />
  );
}

/** One element of the layout tree, with its drop line, drag handle and arrows. */
export function FormTreeRow(props: FormTreeRowProps) {
  const { t } = useTranslation();
  const caption = useElementCaption();
  const { row, root } = props;
  const { element: el, path, depth } = row;
  const key = pathKey(path);
  const drag = useDraggable({ id: `el:${key}`, disabled: props.readOnly || path.length === 0 });
  const selected = props.selected !== null && samePath(props.selected, path);
  const text = caption(el, props.fieldLabel);
  const type = t(`editors.form.types.${el.type}`);
  const name = text ? `${type}: ${text}` : type;
  const siblings = path.length ? getAt(root, path.slice(0, -1)) : undefined;
  const index = path[path.length - 1] ?? 0;
  const count = isContainer(siblings) ? siblings.elements.length : 1;
  return (
    <li>
      {path.length > 0 && (
        <DropLine id={`before:${key}`} depth={depth} label={t('editors.form.dropBefore', { name })} />
      )}
      <Stack
        direction="row"
        spacing={1}
        onClick={() => props.onSelect(path)}
        sx={{
          ml: depth * 3,
          px: 1,
          py: 0.25,
          alignItems: 'center',
          borderRadius: 1,
          cursor: 'pointer',
          bgcolor: selected ? 'action.selected' : undefined,
          opacity: drag.isDragging ? 0.4 : 1,
          '&:hover': { bgcolor: selected ? 'action.selected' : 'action.hover' },
        }}
      >
        {path.length > 0 && (
          <IconButton
            size="small"
            ref={drag.setNodeRef}
            aria-label={t('editors.form.drag', { name })}
            {...drag.attributes}
            {...drag.listeners}
            sx={{ cursor: 'grab' }}
          >
            <DragIndicatorIcon fontSize="small" />
          </IconButton>
        )}
        <Chip size="small" label={type} variant={isContainer(el) ? 'filled' : 'outlined'} />
        <Typography
          component="button"
          type="button"
          variant="body2"
          aria-pressed={selected}
          aria-label={t('editors.form.select', { name })}
          onClick={() => props.onSelect(path)}
          sx={{
            all: 'unset',
            flex: 1,
            cursor: 'pointer',
            '&:focus-visible': { outline: 2, outlineColor: 'primary.main' },
          }}
        >
          {text || <em>{type}</em>}
        </Typography>
        {el.rule && (
          <Tooltip title={t(`editors.form.effects.${el.rule.effect}`)}>
            <RuleIcon fontSize="small" color="action" aria-label={t(`editors.form.effects.${el.rule.effect}`)} />
          </Tooltip>
        )}
        {props.issues.length > 0 && (
          <Tooltip title={props.issues.map((i) => i.message).join(' · ')}>
            <ErrorOutlineIcon
              fontSize="small"
              color="error"
              aria-label={props.issues.map((i) => i.message).join(' · ')}
            />
          </Tooltip>
        )}
        {path.length > 0 && !props.readOnly && (
          <Box onClick={(e) => e.stopPropagation()} sx={{ whiteSpace: 'nowrap' }}>
            <IconButton
              size="small"
              aria-label={`${t('editors.common.moveUp')}: ${name}`}
              disabled={index === 0}
              onClick={() => props.onChange(moveBy(root, path, -1))}
            >
              <ArrowUpwardIcon fontSize="small" />
            </IconButton>
            <IconButton
              size="small"
              aria-label={`${t('editors.common.moveDown')}: ${name}`}
              disabled={index >= count - 1}
              onClick={() => props.onChange(moveBy(root, path, 1))}
            >
              <ArrowDownwardIcon fontSize="small" />
            </IconButton>
            <IconButton
              size="small"
              aria-label={`${t('editors.common.remove')}: ${name}`}
              onClick={() => props.onChange(removeAt(root, path))}
            >
              <DeleteOutlineIcon fontSize="small" />
            </IconButton>
          </Box>
        )}
      </Stack>
      {props.endsAfter.map((p) => (
        <DropLine
          key={pathKey(p)}
          id={`end:${pathKey(p)}`}
          depth={p.length + 1}
          end
          label={t('editors.form.dropEnd', {
            name: caption(getAt(root, p)!, props.fieldLabel) || t(`editors.form.types.${getAt(root, p)!.type}`),
          })}
        />
      ))}
    </li>
  );
}
