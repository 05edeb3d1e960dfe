import ArrowDownIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpIcon from '@mui/icons-material/ArrowUpward';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import EditIcon from '@mui/icons-material/EditOutlined';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  List,
  ListItem,
  ListItemText,
  ListSubheader,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BookmarkDialog } from './bookmark-dialog.tsx';
import { groupBookmarks, moveWithinFolder, type Bookmark } from './bookmark-folders.ts';
import { useBookmarks } from './use-bookmarks.ts';

/** Organizes bookmarks: edit (name, folder) or remove each, reorder, rename or dissolve folders. */
export function BookmarksManager({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { list, reorder, renameFolder } = useBookmarks();
  const [editing, setEditing] = useState<Bookmark | null>(null);
  const [renaming, setRenaming] = useState<{ from: string; to: string } | null>(null);
  const all = list.data ?? [];
  const { folders, loose } = groupBookmarks(all);
  const error = reorder.error ?? renameFolder.error;

  const row = (b: Bookmark, i: number, count: number) => (
    <ListItem
      key={b.id}
      secondaryAction={
        <Stack direction="row">
          <IconButton
            aria-label={`${t('tools.bookmarks.moveUp')}: ${b.label}`}
            disabled={i === 0}
            onClick={() => reorder.mutate(moveWithinFolder(all, b.id, -1))}
          >
            <ArrowUpIcon />
          </IconButton>
          <IconButton
            aria-label={`${t('tools.bookmarks.moveDown')}: ${b.label}`}
            disabled={i === count - 1}
            onClick={() => reorder.mutate(moveWithinFolder(all, b.id, 1))}
          >
            <ArrowDownIcon />
          </IconButton>
          <IconButton aria-label={`${t('tools.bookmarks.edit')}: ${b.label}`} onClick={() => setEditing(b)}>
            <EditIcon />
          </IconButton>
        </Stack>
      }
      sx={{ pr: 20 }}
    >
      <ListItemText primary={b.label} secondary={b.url} slotProps={{ secondary: { noWrap: true } }} />
    </ListItem>
  );

  return (
    <Dialog open onClose={onClose} aria-labelledby="bookmarks-manager-title" fullWidth maxWidth="sm">
      <DialogTitle id="bookmarks-manager-title">{t('tools.bookmarks.manage')}</DialogTitle>
      <DialogContent dividers>
        {error && <Alert severity="error">{error.message}</Alert>}
        {all.length === 0 && <Typography color="text.secondary">{t('tools.bookmarks.empty')}</Typography>}
        {folders.map((f) => (
          <List
            key={f.name}
            dense
            subheader={
              <ListSubheader disableSticky sx={{ display: 'flex', alignItems: 'center', px: 0 }}>
                <span style={{ flexGrow: 1 }}>{f.name}</span>
                <IconButton
                  aria-label={`${t('tools.bookmarks.renameFolder')}: ${f.name}`}
                  onClick={() => setRenaming({ from: f.name, to: f.name })}
                >
                  <EditIcon />
                </IconButton>
                <IconButton
                  aria-label={`${t('tools.bookmarks.deleteFolder')}: ${f.name}`}
                  onClick={() => renameFolder.mutate({ from: f.name, to: null })}
                >
                  <DeleteIcon />
                </IconButton>
              </ListSubheader>
            }
          >
            {f.items.map((b, i) => row(b, i, f.items.length))}
          </List>
        ))}
        {loose.length > 0 && (
          <List
            dense
            subheader={
              <ListSubheader disableSticky sx={{ px: 0 }}>
                {t('tools.bookmarks.noFolder')}
              </ListSubheader>
            }
          >
            {loose.map((b, i) => row(b, i, loose.length))}
          </List>
        )}
        {renaming && (
          <Stack
            component="form"
            direction="row"
            spacing={1}
            sx={{ mt: 2 }}
            onSubmit={(e) => {
              e.preventDefault();
              if (renaming.to.trim())
                renameFolder.mutate(
                  { from: renaming.from, to: renaming.to.trim() },
                  { onSuccess: () => setRenaming(null) },
                );
            }}
          >
            <TextField
              size="small"
              autoFocus
              label={t('tools.bookmarks.folderName')}
              value={renaming.to}
              onChange={(e) => setRenaming({ ...renaming, to: e.target.value })}
              slotProps={{ htmlInput: { maxLength: 100 } }}
            />
            <Button type="submit" variant="contained" disabled={!renaming.to.trim()}>
              {t('common.save')}
            </Button>
            <Button onClick={() => setRenaming(null)}>{t('common.cancel')}</Button>
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.close')}</Button>
      </DialogActions>
      {editing && <BookmarkDialog bookmark={editing} onClose={() => setEditing(null)} />}
    </Dialog>
  );
}
