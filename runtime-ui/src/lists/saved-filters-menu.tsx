import DeleteIcon from '@mui/icons-material/DeleteOutline';
import EditIcon from '@mui/icons-material/EditOutlined';
import FilterIcon from '@mui/icons-material/FilterAltOutlined';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Divider,
  FormControlLabel,
  IconButton,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  Popover,
  Snackbar,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../api/queries.ts';
import { writeListUrl, type ListUrlState } from './list-url-state.ts';
import { useSavedFilters, type SavedFilter } from './use-saved-filters.ts';

type Editing = { mode: 'create' } | { mode: 'rename'; filter: SavedFilter };

/**
 * A view's saved filters: apply one (it becomes the list's address, so it can be bookmarked),
 * save the current filter and sort under a name (shared with the company if wished), rename or
 * delete one's own.
 */
export function SavedFiltersMenu({
  view,
  current,
  columns,
  onApplyColumns,
}: {
  view: string;
  current: ListUrlState;
  /** The visible columns, kept with the filter. */
  columns: string[];
  onApplyColumns: (columns: string[]) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const { list, create, update, remove } = useSavedFilters(view);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const apply = (f: SavedFilter) => {
    setAnchor(null);
    if (f.columns?.length) onApplyColumns(f.columns);
    void navigate({ search: writeListUrl({ filter: f.filter, sort: f.sort, ...(f.q && { q: f.q }) }) });
  };
  return (
    <>
      <Button
        variant="outlined"
        startIcon={<FilterIcon />}
        aria-haspopup="true"
        aria-expanded={!!anchor}
        onClick={(e) => setAnchor(e.currentTarget)}
      >
        {t('tools.savedFilters.button')}
      </Button>
      <Popover
        open={!!anchor}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{ paper: { sx: { width: 360, maxWidth: '95vw' }, 'aria-label': t('tools.savedFilters.button') } }}
      >
        {list.error && <Alert severity="error">{list.error.message}</Alert>}
        {list.data?.length === 0 && (
          <Typography color="text.secondary" sx={{ p: 2 }}>
            {t('tools.savedFilters.none')}
          </Typography>
        )}
        <List dense aria-label={t('tools.savedFilters.button')}>
          {list.data?.map((f) => (
            <ListItem
              key={f.id}
              disablePadding
              secondaryAction={
                f.mine && (
                  <Stack direction="row">
                    <IconButton
                      aria-label={t('tools.savedFilters.rename', { name: f.name })}
                      onClick={() => setEditing({ mode: 'rename', filter: f })}
                    >
                      <EditIcon />
                    </IconButton>
                    <IconButton
                      aria-label={t('tools.savedFilters.delete', { name: f.name })}
                      onClick={() =>
                        remove.mutate(f.id, { onSuccess: () => setNotice(t('tools.savedFilters.deleted')) })
                      }
                    >
                      <DeleteIcon />
                    </IconButton>
                  </Stack>
                )
              }
              sx={{ pr: f.mine ? 12 : 0 }}
            >
              <ListItemButton onClick={() => apply(f)} aria-label={t('tools.savedFilters.apply', { name: f.name })}>
                <ListItemText
                  primary={f.name}
                  secondary={
                    !f.mine && f.owner?.name
                      ? t('tools.savedFilters.by', { name: f.owner.name })
                      : f.shared
                        ? t('tools.savedFilters.shared')
                        : undefined
                  }
                />
              </ListItemButton>
            </ListItem>
          ))}
        </List>
        <Divider />
        <Box sx={{ p: 1 }}>
          <Button fullWidth onClick={() => setEditing({ mode: 'create' })}>
            {t('tools.savedFilters.saveCurrent')}
          </Button>
        </Box>
      </Popover>
      {editing && (
        <NameDialog
          editing={editing}
          canShare={!!me.data?.companyId}
          error={(editing.mode === 'create' ? create.error : update.error)?.message}
          pending={create.isPending || update.isPending}
          onCancel={() => setEditing(null)}
          onSave={(name, shared) => {
            const done = { onSuccess: () => (setEditing(null), setNotice(t('tools.savedFilters.saved'))) };
            if (editing.mode === 'create')
              create.mutate(
                {
                  name,
                  filter: current.filter ?? {},
                  sort: current.sort ?? [],
                  shared,
                  columns,
                  q: current.q ?? null,
                },
                done,
              );
            else update.mutate({ id: editing.filter.id, name, shared }, done);
          }}
        />
      )}
      <Snackbar open={!!notice} autoHideDuration={4000} onClose={() => setNotice(null)} message={notice} />
    </>
  );
}

function NameDialog(props: {
  editing: Editing;
  canShare: boolean;
  error?: string;
  pending: boolean;
  onCancel: () => void;
  onSave: (name: string, shared: boolean) => void;
}) {
  const { t } = useTranslation();
  const existing = props.editing.mode === 'rename' ? props.editing.filter : undefined;
  const [name, setName] = useState(existing?.name ?? '');
  const [shared, setShared] = useState(existing?.shared ?? false);
  const title = existing ? t('tools.savedFilters.renameTitle') : t('tools.savedFilters.saveTitle');
  return (
    <Dialog open onClose={props.onCancel} aria-labelledby="saved-filter-title" fullWidth maxWidth="xs">
      <Box
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) props.onSave(name.trim(), shared);
        }}
      >
        <DialogTitle id="saved-filter-title">{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={1} sx={{ pt: 1 }}>
            {props.error && <Alert severity="error">{props.error}</Alert>}
            <TextField
              label={t('tools.savedFilters.name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              autoFocus
              slotProps={{ htmlInput: { maxLength: 200 } }}
            />
            {props.canShare && (
              <FormControlLabel
                control={<Checkbox checked={shared} onChange={(e) => setShared(e.target.checked)} />}
                label={t('tools.savedFilters.share')}
              />
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={!name.trim() || props.pending}>
            {t('common.save')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
