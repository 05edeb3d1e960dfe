import AddIcon from '@mui/icons-material/Add';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteIcon from '@mui/icons-material/Delete';
import FormatIndentDecreaseIcon from '@mui/icons-material/FormatIndentDecrease';
import FormatIndentIncreaseIcon from '@mui/icons-material/FormatIndentIncrease';
import VisibilityOffIcon from '@mui/icons-material/VisibilityOff';
import HelpOutlineIcon from '@mui/icons-material/HelpOutline';
import { Box, Button, IconButton, Tooltip } from '@mui/material';
import { MAX_MENU_DEPTH, pickText, type Language, type MenuItem } from '@opsflux/definitions';
import { MenuIcon } from '@opsflux/runtime-ui/menu-icon';
import type { ReactElement } from 'react';
import { useContentT } from '../i18n/content-editors-messages.ts';
import { canIndent, canMoveDown, canMoveUp, canOutdent, flattenItems, type ItemPath } from './menu-tree.ts';
import type { Visibility } from './menu-visibility.ts';

export type TreeAction = 'up' | 'down' | 'indent' | 'outdent' | 'remove' | 'addChild';

interface MenuTreeViewProps {
  items: MenuItem[];
  selected: ItemPath | null;
  onSelect: (path: number[]) => void;
  onAction: (action: TreeAction, path: number[]) => void;
  /** Per path (`0.1`), when previewing a role. */
  visibility: Map<string, Visibility> | null;
  lang: Language;
  readOnly?: boolean;
}

const same = (a: ItemPath | null, b: ItemPath) => !!a && a.length === b.length && a.every((x, i) => x === b[i]);

/** The tree as an indented list; every move has a button, so the keyboard does all a mouse can. */
export function MenuTreeView({ items, selected, onSelect, onAction, visibility, lang, readOnly }: MenuTreeViewProps) {
  const t = useContentT('menu');
  const tc = useContentT('common');
  const rows = flattenItems(items);
  const action = (a: TreeAction, label: string, icon: ReactElement, enabled: boolean, path: number[], name: string) => (
    <Tooltip title={label} key={a}>
      <span>
        <IconButton size="small" aria-label={`${label}: ${name}`} disabled={!enabled} onClick={() => onAction(a, path)}>
          {icon}
        </IconButton>
      </span>
    </Tooltip>
  );

  return (
    <Box component="ul" aria-label={t('items')} sx={{ listStyle: 'none', p: 0, m: 0 }}>
      {rows.map(({ item, path }) => {
        const name = pickText(item.label, lang) || item.name;
        const seen = visibility?.get(path.join('.'));
        return (
          <Box
            component="li"
            key={path.join('.')}
            aria-level={path.length}
            sx={{
              display: 'flex',
              alignItems: 'center',
              pl: (path.length - 1) * 3,
            }}
          >
            <Button
              size="small"
              color="inherit"
              onClick={() => onSelect(path)}
              aria-current={same(selected, path) ? 'true' : undefined}
              aria-label={t('select', { name })}
              startIcon={<MenuIcon name={item.icon} fontSize="small" />}
              sx={{
                flex: 1,
                justifyContent: 'flex-start',
                textTransform: 'none',
                bgcolor: same(selected, path) ? 'action.selected' : undefined,
                // Hidden for the previewed role: struck through, still readable (no faded text).
                ...(seen === 'hidden' && { textDecoration: 'line-through', color: 'text.secondary' }),
              }}
            >
              {name}
            </Button>
            {seen === 'hidden' && (
              <Tooltip title={t('hidden')}>
                <VisibilityOffIcon fontSize="small" aria-label={t('hidden')} role="img" />
              </Tooltip>
            )}
            {seen === 'unknown' && (
              <Tooltip title={t('unknown')}>
                <HelpOutlineIcon fontSize="small" aria-label={t('unknown')} role="img" />
              </Tooltip>
            )}
            {!readOnly && (
              <>
                {action('up', tc('moveUp'), <ArrowUpwardIcon fontSize="small" />, canMoveUp(path), path, name)}
                {action(
                  'down',
                  tc('moveDown'),
                  <ArrowDownwardIcon fontSize="small" />,
                  canMoveDown(items, path),
                  path,
                  name,
                )}
                {action(
                  'outdent',
                  t('outdent'),
                  <FormatIndentDecreaseIcon fontSize="small" />,
                  canOutdent(path),
                  path,
                  name,
                )}
                {action(
                  'indent',
                  t('indent'),
                  <FormatIndentIncreaseIcon fontSize="small" />,
                  canIndent(items, path),
                  path,
                  name,
                )}
                {action(
                  'addChild',
                  t('addChild'),
                  <AddIcon fontSize="small" />,
                  path.length < MAX_MENU_DEPTH && !item.view && !item.form && !item.url,
                  path,
                  name,
                )}
                {action('remove', tc('remove'), <DeleteIcon fontSize="small" />, rows.length > 1, path, name)}
              </>
            )}
          </Box>
        );
      })}
    </Box>
  );
}
