import AddIcon from '@mui/icons-material/Add';
import ExpandLess from '@mui/icons-material/ExpandLess';
import ExpandMore from '@mui/icons-material/ExpandMore';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import TranslateIcon from '@mui/icons-material/Translate';
import {
  Badge,
  Box,
  Collapse,
  IconButton,
  List,
  ListItem,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  Menu,
  MenuItem,
  Tooltip,
} from '@mui/material';
import { useState } from 'react';
import type { DraftIssue } from '../editor-types.ts';
import '../i18n/extensions-messages.ts';
import { useDesignerT } from '../i18n/i18n.ts';
import { MANIFEST, TRANSLATIONS_ENTRY, type FileTreeModel, type GroupKind, type TreeFile } from './file-tree-model.ts';

interface FileTreeProps {
  tree: FileTreeModel;
  selected: string | null;
  issues: Map<string, DraftIssue[]>;
  onOpen: (path: string) => void;
  onAdd: (kind: GroupKind) => void;
  onRename: (path: string) => void;
  onDelete: (path: string) => void;
  readOnly?: boolean;
}

function FileItem({
  file,
  selected,
  count,
  onOpen,
  onMenu,
}: {
  file: TreeFile;
  selected: boolean;
  count: number;
  onOpen: () => void;
  onMenu?: (el: HTMLElement) => void;
}) {
  const t = useDesignerT();
  return (
    <ListItem
      disablePadding
      secondaryAction={
        onMenu && (
          <IconButton
            edge="end"
            size="small"
            aria-label={t('tree.fileActions', { name: file.name })}
            aria-haspopup="menu"
            onClick={(e) => onMenu(e.currentTarget)}
          >
            <MoreVertIcon fontSize="small" />
          </IconButton>
        )
      }
    >
      <ListItemButton selected={selected} aria-current={selected ? 'page' : undefined} onClick={onOpen} sx={{ pl: 4 }}>
        <ListItemText
          primary={file.name}
          slotProps={{ primary: { noWrap: true, title: file.path } }}
          secondary={count ? t('tree.issues', { count }) : undefined}
        />
        {count > 0 && <Badge color="error" badgeContent={count} sx={{ mr: 2 }} aria-hidden />}
      </ListItemButton>
    </ListItem>
  );
}

/** The bundle's files by kind, each kind with a way to add one, each file with rename and delete. */
export function FileTree({ tree, selected, issues, onOpen, onAdd, onRename, onDelete, readOnly }: FileTreeProps) {
  const t = useDesignerT();
  const [closed, setClosed] = useState<Set<string>>(new Set());
  const [menu, setMenu] = useState<{ el: HTMLElement; path: string } | null>(null);
  const toggle = (kind: string) =>
    setClosed((s) => {
      const next = new Set(s);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });
  const count = (path: string) => issues.get(path)?.length ?? 0;

  return (
    <Box component="nav" aria-label={t('tree.label')}>
      <List dense disablePadding>
        {tree.manifest && (
          <FileItem
            file={{ path: MANIFEST, name: t('tree.manifest') }}
            selected={selected === MANIFEST}
            count={count(MANIFEST)}
            onOpen={() => onOpen(MANIFEST)}
          />
        )}
        {tree.groups.map((g) => {
          const open = !closed.has(g.kind);
          const groupLabel = t(`kinds.${g.kind}`);
          return (
            <Box component="li" key={g.kind} sx={{ listStyle: 'none' }}>
              <ListItem
                component="div"
                disablePadding
                secondaryAction={
                  g.kind !== 'other' &&
                  !readOnly && (
                    <Tooltip title={t(`tree.add.${g.kind}`)}>
                      <IconButton
                        edge="end"
                        size="small"
                        aria-label={t(`tree.add.${g.kind}`)}
                        onClick={() => onAdd(g.kind as GroupKind)}
                      >
                        <AddIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                  )
                }
              >
                <ListItemButton onClick={() => toggle(g.kind)} aria-expanded={open}>
                  <ListItemIcon sx={{ minWidth: 28 }}>{open ? <ExpandLess /> : <ExpandMore />}</ListItemIcon>
                  <ListItemText
                    primary={`${groupLabel} (${g.files.length})`}
                    slotProps={{ primary: { fontWeight: 600 } }}
                  />
                </ListItemButton>
              </ListItem>
              <Collapse in={open} unmountOnExit>
                <List dense disablePadding aria-label={groupLabel}>
                  {g.files.map((f) => (
                    <FileItem
                      key={f.path}
                      file={f}
                      selected={selected === f.path}
                      count={count(f.path)}
                      onOpen={() => onOpen(f.path)}
                      onMenu={readOnly ? undefined : (el) => setMenu({ el, path: f.path })}
                    />
                  ))}
                </List>
              </Collapse>
            </Box>
          );
        })}
        <ListItem disablePadding>
          <ListItemButton
            selected={selected === TRANSLATIONS_ENTRY}
            aria-current={selected === TRANSLATIONS_ENTRY ? 'page' : undefined}
            onClick={() => onOpen(TRANSLATIONS_ENTRY)}
          >
            <ListItemIcon sx={{ minWidth: 28 }}>
              <TranslateIcon fontSize="small" />
            </ListItemIcon>
            <ListItemText primary={t('tree.translations')} slotProps={{ primary: { fontWeight: 600 } }} />
          </ListItemButton>
        </ListItem>
      </List>
      <Menu anchorEl={menu?.el} open={!!menu} onClose={() => setMenu(null)}>
        <MenuItem
          onClick={() => {
            if (menu) onRename(menu.path);
            setMenu(null);
          }}
        >
          {t('tree.rename')}
        </MenuItem>
        <MenuItem
          sx={{ color: 'error.main' }}
          onClick={() => {
            if (menu) onDelete(menu.path);
            setMenu(null);
          }}
        >
          {t('tree.delete')}
        </MenuItem>
      </Menu>
    </Box>
  );
}
