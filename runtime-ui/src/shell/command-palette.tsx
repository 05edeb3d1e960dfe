import ArticleIcon from '@mui/icons-material/ArticleOutlined';
import SearchIcon from '@mui/icons-material/Search';
import {
  Alert,
  Box,
  Dialog,
  InputAdornment,
  LinearProgress,
  ListItemIcon,
  ListItemText,
  MenuItem,
  TextField,
  Typography,
} from '@mui/material';
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { MenuIcon } from './menu-icon.tsx';
import { useAbilities, useUiMeta } from '../api/queries.ts';
import { useDefText } from '../i18n/definition-text.ts';
import { byQualifiedName, entityOf, flattenNav, formPath, viewPath } from './navigation.ts';
import { moveActive, palettePages, paletteResults, type PaletteEntry } from './palette-rank.ts';
import { useNavigation } from './use-navigation.ts';
import { usePaletteSearch } from './use-palette-search.ts';

const optionId = (i: number) => `palette-option-${i}`;

/**
 * The Ctrl/Cmd+K palette: pages of the menu and records found by full-text search, one list the
 * keyboard walks (↑ ↓, Enter opens, Esc closes); the count of results is announced.
 */
export function CommandPalette({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const nav = useNavigation();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const ui = useUiMeta();
  const abilities = useAbilities();
  const text = useDefText();
  const pages = useMemo(() => {
    const entityLabel = (key: string) => abilities.data?.entities[key]?.label ?? key;
    const menu = flattenNav(nav.groups).map((it): PaletteEntry => ({
      id: `page:${it.key}`,
      kind: 'page',
      label: it.label,
      detail: it.group.label,
      to: it.to!,
      icon: it.icon,
    }));
    // Views and creation forms the menus leave out: the engine lists every one the user may use.
    const views = [...byQualifiedName(ui.data?.views)].map(([key, v]): PaletteEntry => ({
      id: `view:${key}`,
      kind: 'page',
      label: text(v.label, key),
      detail: entityLabel(entityOf(v, key)),
      to: viewPath(key),
      icon: v.type === 'kanban' ? 'view_kanban' : 'list',
    }));
    const forms = [...byQualifiedName(ui.data?.forms)]
      .filter(([, f]) => f.create !== false)
      .map(([key, f]): PaletteEntry => ({
        id: `form:${key}`,
        kind: 'page',
        label: `${t('list.new')}: ${text(f.label, key)}`,
        detail: entityLabel(entityOf(f, key)),
        to: formPath(key),
        icon: 'add',
      }));
    return palettePages(menu, [...views, ...forms]);
  }, [nav.groups, ui.data, abilities.data, text, t]);
  const search = usePaletteSearch(query);
  const results = useMemo(() => paletteResults(query, pages, search.groups), [query, pages, search.groups]);
  const current = Math.min(active, results.length - 1);

  const go = (entry: PaletteEntry | undefined) => {
    if (!entry) return;
    onClose();
    setQuery('');
    void navigate(entry.to);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(moveActive(current, results.length, e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      go(results[current]);
    } else if (e.key === 'Home' && e.ctrlKey) setActive(0);
  };
  const groups = [
    { kind: 'page' as const, label: t('tools.palette.pages') },
    { kind: 'record' as const, label: t('tools.palette.records') },
  ];

  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="palette-title"
      slotProps={{ paper: { sx: { alignSelf: 'flex-start', mt: { xs: 2, sm: 10 } } } }}
    >
      <Typography id="palette-title" component="h2" sx={{ position: 'absolute', left: -9999 }}>
        {t('tools.palette.title')}
      </Typography>
      <Box sx={{ p: 2, pb: 1 }}>
        <TextField
          autoFocus
          fullWidth
          value={query}
          placeholder={t('tools.palette.placeholder')}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          slotProps={{
            htmlInput: {
              role: 'combobox',
              'aria-label': t('tools.palette.title'),
              'aria-expanded': results.length > 0,
              'aria-controls': 'palette-listbox',
              'aria-autocomplete': 'list',
              'aria-activedescendant': current >= 0 ? optionId(current) : undefined,
            },
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon />
                </InputAdornment>
              ),
            },
          }}
        />
      </Box>
      <Box sx={{ height: 4 }}>{search.searching && <LinearProgress aria-label={t('tools.palette.searching')} />}</Box>
      <Box
        id="palette-listbox"
        role="listbox"
        aria-label={t('tools.palette.title')}
        sx={{ maxHeight: '60vh', overflowY: 'auto', px: 1 }}
      >
        {groups.map((g) => {
          const items = results.map((r, i) => ({ r, i })).filter(({ r }) => r.kind === g.kind);
          if (!items.length) return null;
          return (
            <Box key={g.kind} role="group" aria-labelledby={`palette-group-${g.kind}`}>
              <Typography
                id={`palette-group-${g.kind}`}
                variant="overline"
                color="text.secondary"
                sx={{ px: 1, display: 'block' }}
              >
                {g.label}
              </Typography>
              {items.map(({ r, i }) => (
                <MenuItem
                  key={r.id}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === current}
                  selected={i === current}
                  tabIndex={-1}
                  onMouseMove={() => i !== current && setActive(i)}
                  onClick={() => go(r)}
                  sx={{ borderRadius: 1 }}
                >
                  <ListItemIcon>{r.kind === 'page' ? <MenuIcon name={r.icon} /> : <ArticleIcon />}</ListItemIcon>
                  <ListItemText primary={r.label} secondary={r.detail} />
                </MenuItem>
              ))}
            </Box>
          );
        })}
      </Box>
      {search.failed.length > 0 && (
        <Alert severity="warning" sx={{ m: 1 }}>
          {t('tools.palette.failed', { names: search.failed.join(', ') })}
        </Alert>
      )}
      <Box sx={{ px: 2, py: 1, display: 'flex', justifyContent: 'space-between', gap: 2 }}>
        <Typography role="status" variant="caption" color="text.secondary">
          {search.searching ? t('tools.palette.searching') : t('tools.palette.results', { count: results.length })}
        </Typography>
        <Typography variant="caption" color="text.secondary" sx={{ display: { xs: 'none', sm: 'block' } }}>
          {t('tools.palette.hint')}
        </Typography>
      </Box>
    </Dialog>
  );
}
