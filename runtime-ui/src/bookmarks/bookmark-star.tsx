import StarIcon from '@mui/icons-material/Star';
import StarBorderIcon from '@mui/icons-material/StarBorder';
import { IconButton, Snackbar, Tooltip } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { BookmarkDialog } from './bookmark-dialog.tsx';
import { bookmarkUrl, findBookmark } from './bookmark-folders.ts';
import { useBookmarks } from './use-bookmarks.ts';

/**
 * The star of a list or record page: bookmarks the page as it is now (a list with its filter,
 * sort and search), or, once bookmarked, opens the bookmark to rename, file or remove it.
 */
export function BookmarkStar({ label, target }: { label: string; target?: string }) {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const { list, create } = useBookmarks();
  // A list names its own address (as it is about to write it), so that a click during the
  // replace never bookmarks the address it is leaving.
  const [path, query = ''] = (target ?? `${pathname}${search}`).split('?');
  const url = bookmarkUrl(path!, query);
  const current = findBookmark(list.data, url);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const title = current ? t('tools.bookmarks.edit') : t('tools.bookmarks.add');
  return (
    <>
      <Tooltip title={title}>
        <span>
          <IconButton
            aria-label={title}
            aria-pressed={!!current}
            disabled={list.isPending || create.isPending}
            color={current ? 'warning' : 'default'}
            onClick={() =>
              current
                ? setEditing(true)
                : create.mutate(
                    { label: label.slice(0, 200) || url, url },
                    {
                      onSuccess: () => setNotice(t('tools.bookmarks.saved')),
                      onError: (e) => setNotice(e.message),
                    },
                  )
            }
          >
            {current ? <StarIcon /> : <StarBorderIcon />}
          </IconButton>
        </span>
      </Tooltip>
      {editing && current && (
        <BookmarkDialog
          bookmark={current}
          onClose={(removed) => {
            setEditing(false);
            if (removed) setNotice(t('tools.bookmarks.removed'));
          }}
        />
      )}
      <Snackbar open={!!notice} autoHideDuration={4000} onClose={() => setNotice(null)} message={notice} />
    </>
  );
}
