import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import { Autocomplete, Box, Button, IconButton, MenuItem, Stack, TextField } from '@mui/material';
import type { KanbanSettings, ViewSort } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';

interface SortEditorProps {
  sort: ViewSort[];
  onChange: (next: ViewSort[] | undefined) => void;
  choices: string[];
  fieldLabel: (name: string) => string;
  readOnly?: boolean;
}

/** The default order: up to five fields the data API sorts by, each ascending or descending. */
export function SortEditor(props: SortEditorProps) {
  const { t } = useTranslation();
  const set = (next: ViewSort[]) => props.onChange(next.length ? next : undefined);
  const at = (i: number, patch: Partial<ViewSort>) => set(props.sort.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <Stack spacing={1}>
      {props.sort.map((s, i) => (
        <Stack
          key={i}
          direction="row"
          spacing={1}
          sx={{ alignItems: 'center' }}
          role="group"
          aria-label={t('editors.view.sortN', { n: i + 1 })}
        >
          <TextField
            select
            size="small"
            sx={{ minWidth: 240 }}
            label={t('editors.view.sortField')}
            value={s.field}
            disabled={props.readOnly}
            onChange={(e) => at(i, { field: e.target.value })}
          >
            {[...new Set([s.field, ...props.choices])].map((c) => (
              <MenuItem key={c} value={c}>
                {props.fieldLabel(c)} ({c})
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            sx={{ minWidth: 160 }}
            label={t('editors.view.direction')}
            value={s.direction}
            disabled={props.readOnly}
            onChange={(e) => at(i, { direction: e.target.value as ViewSort['direction'] })}
          >
            <MenuItem value="asc">{t('editors.view.asc')}</MenuItem>
            <MenuItem value="desc">{t('editors.view.desc')}</MenuItem>
          </TextField>
          <IconButton
            aria-label={t('editors.view.removeSort', { n: i + 1 })}
            disabled={props.readOnly}
            onClick={() => set(props.sort.filter((_, j) => j !== i))}
          >
            <DeleteOutlineIcon fontSize="small" />
          </IconButton>
        </Stack>
      ))}
      {!props.readOnly && props.sort.length < 5 && props.choices.length > 0 && (
        <Box>
          <Button
            size="small"
            startIcon={<AddIcon />}
            onClick={() => set([...props.sort, { field: props.choices[0]!, direction: 'asc' }])}
          >
            {t('editors.view.addSort')}
          </Button>
        </Box>
      )}
    </Stack>
  );
}

interface KanbanEditorProps {
  kanban: KanbanSettings | undefined;
  onChange: (next: KanbanSettings) => void;
  groups: string[];
  cardChoices: string[];
  fieldLabel: (name: string) => string;
  readOnly?: boolean;
}

/** A board: the enum (or `state`) whose values are its lanes, and the fields each card shows. */
export function KanbanEditor(props: KanbanEditorProps) {
  const { t } = useTranslation();
  const kanban = props.kanban ?? { groupBy: props.groups[0] ?? '', cardFields: [] };
  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
      <TextField
        select
        size="small"
        sx={{ minWidth: 240, maxWidth: 360 }}
        label={t('editors.view.groupBy')}
        value={kanban.groupBy}
        disabled={props.readOnly}
        helperText={props.groups.length ? undefined : t('editors.view.noGroups')}
        onChange={(e) => props.onChange({ ...kanban, groupBy: e.target.value })}
      >
        {[...new Set([kanban.groupBy, ...props.groups])].filter(Boolean).map((g) => (
          <MenuItem key={g} value={g}>
            {props.fieldLabel(g)} ({g})
          </MenuItem>
        ))}
      </TextField>
      <Autocomplete<string, true>
        multiple
        size="small"
        sx={{ flex: 1 }}
        options={props.cardChoices}
        value={kanban.cardFields}
        disabled={props.readOnly}
        getOptionLabel={(o) => `${props.fieldLabel(o)} (${o})`}
        getOptionDisabled={(o) => kanban.cardFields.length >= 10 && !kanban.cardFields.includes(o)}
        onChange={(_, v) => props.onChange({ ...kanban, cardFields: v })}
        renderInput={(params) => <TextField {...params} label={t('editors.view.cardFields')} />}
      />
    </Stack>
  );
}
