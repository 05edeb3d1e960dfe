import {
  Alert,
  Autocomplete,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { folderNames, type Bookmark } from './bookmark-folders.ts';
import { useBookmarks } from './use-bookmarks.ts';

/** One bookmark's name and folder (a new folder is a new name), or its removal. */
export function BookmarkDialog({ bookmark, onClose }: { bookmark: Bookmark; onClose: (removed?: boolean) => void }) {
  const { t } = useTranslation();
  const { list, update, remove } = useBookmarks();
  const [label, setLabel] = useState(bookmark.label);
  const [folder, setFolder] = useState(bookmark.folder ?? '');
  const error = update.error ?? remove.error;
  const save = () =>
    update.mutate(
      { id: bookmark.id, label: label.trim(), folder: folder.trim() || null },
      { onSuccess: () => onClose() },
    );
  return (
    <Dialog open onClose={() => onClose()} aria-labelledby="bookmark-dialog-title" fullWidth maxWidth="xs">
      <DialogTitle id="bookmark-dialog-title">{t('tools.bookmarks.edit')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {error && <Alert severity="error">{error.message}</Alert>}
          <TextField
            label={t('tools.bookmarks.label')}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            required
            autoFocus
            slotProps={{ htmlInput: { maxLength: 200 } }}
          />
          <Autocomplete
            freeSolo
            options={folderNames(list.data ?? [])}
            inputValue={folder}
            onInputChange={(_, v) => setFolder(v)}
            renderInput={(params) => (
              <TextField
                {...params}
                label={t('tools.bookmarks.folder')}
                helperText={folder ? undefined : t('tools.bookmarks.noFolder')}
                slotProps={{ htmlInput: { ...params.inputProps, maxLength: 100 } }}
              />
            )}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button color="error" onClick={() => remove.mutate(bookmark.id, { onSuccess: () => onClose(true) })}>
          {t('tools.bookmarks.remove')}
        </Button>
        <Button onClick={() => onClose()}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={save} disabled={!label.trim() || update.isPending}>
          {t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
