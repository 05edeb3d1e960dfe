import FolderIcon from '@mui/icons-material/FolderOutlined';
import EditIcon from '@mui/icons-material/EditOutlined';
import ExpandLess from '@mui/icons-material/ExpandLess';
import ExpandMore from '@mui/icons-material/ExpandMore';
import StarIcon from '@mui/icons-material/StarBorder';
import {
  Collapse,
  IconButton,
  List,
  ListItem,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  ListSubheader,
  Tooltip,
} from '@mui/material';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { bookmarkUrl, groupBookmarks, type Bookmark } from './bookmark-folders.ts';
import { useBookmarks } from './use-bookmarks.ts';

const BookmarksManager = lazy(() => import('./bookmarks-manager.tsx').then((m) => ({ default: m.BookmarksManager })));

/** The sidebar's bookmarks, in their folders; a button opens the organizer. Hidden when none. */
export function BookmarkNav({ mini = false, onNavigate }: { mini?: boolean; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { list } = useBookmarks();
  const [managing, setManaging] = useState(false);
  if (mini || !list.data?.length) return null;
  const { folders, loose } = groupBookmarks(list.data);
  return (
    <>
      <List
        aria-labelledby="nav-bookmarks"
        dense
        subheader={
          <ListSubheader
            id="nav-bookmarks"
            sx={{ lineHeight: 2.5, bgcolor: 'inherit', display: 'flex', alignItems: 'center' }}
          >
            <span style={{ flexGrow: 1 }}>{t('tools.bookmarks.title')}</span>
            <Tooltip title={t('tools.bookmarks.manage')}>
              <IconButton size="small" aria-label={t('tools.bookmarks.manage')} onClick={() => setManaging(true)}>
                <EditIcon fontSize="small" />
              </IconButton>
            </Tooltip>
          </ListSubheader>
        }
      >
        {folders.map((f) => (
          <Folder key={f.name} name={f.name} items={f.items} onNavigate={onNavigate} />
        ))}
        {loose.map((b) => (
          <Entry key={b.id} bookmark={b} depth={0} onNavigate={onNavigate} />
        ))}
      </List>
      {managing && (
        <Suspense fallback={null}>
          <BookmarksManager onClose={() => setManaging(false)} />
        </Suspense>
      )}
    </>
  );
}

function Folder({ name, items, onNavigate }: { name: string; items: Bookmark[]; onNavigate?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <ListItem disablePadding sx={{ display: 'block' }}>
      <ListItemButton onClick={() => setOpen(!open)} aria-expanded={open} sx={{ pl: 2 }}>
        <ListItemIcon sx={{ minWidth: 40 }}>
          <FolderIcon />
        </ListItemIcon>
        <ListItemText primary={name} />
        {open ? <ExpandLess /> : <ExpandMore />}
      </ListItemButton>
      <Collapse in={open} timeout="auto" unmountOnExit>
        <List disablePadding dense>
          {items.map((b) => (
            <Entry key={b.id} bookmark={b} depth={1} onNavigate={onNavigate} />
          ))}
        </List>
      </Collapse>
    </ListItem>
  );
}

function Entry({ bookmark, depth, onNavigate }: { bookmark: Bookmark; depth: number; onNavigate?: () => void }) {
  const { pathname, search } = useLocation();
  const here = bookmarkUrl(pathname, search);
  const [path, query = ''] = bookmark.url.split('?');
  return (
    <ListItem disablePadding>
      <ListItemButton
        component={NavLink}
        to={bookmark.url}
        selected={bookmarkUrl(path!, query) === here}
        onClick={onNavigate}
        sx={{ pl: 2 + depth * 2, borderRadius: 1, mx: 1 }}
      >
        <ListItemIcon sx={{ minWidth: 40 }}>
          <StarIcon fontSize="small" />
        </ListItemIcon>
        <ListItemText primary={bookmark.label} />
      </ListItemButton>
    </ListItem>
  );
}
