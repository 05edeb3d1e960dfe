import AddIcon from '@mui/icons-material/Add';
import { Alert, Box, Button, MenuItem as Option, Paper, Stack, TextField, Typography } from '@mui/material';
import { MAX_MENU_DEPTH, type MenuDefinition, type MenuItem } from '@opsflux/definitions';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PerLanguageFields } from '../common/per-language-fields.tsx';
import type { DefinitionEditorProps } from '../editor-types.ts';
import { useContentT } from '../i18n/content-editors-messages.ts';
import { IconPicker } from './icon-picker.tsx';
import { MenuItemFields } from './menu-item-fields.tsx';
import { draftTargets } from './menu-targets.ts';
import { MenuTreeView, type TreeAction } from './menu-tree-view.tsx';
import {
  freshName,
  indentItem,
  insertItem,
  itemAt,
  moveItem,
  outdentItem,
  removeItem,
  updateItem,
} from './menu-tree.ts';
import { menuVisibility } from './menu-visibility.ts';

/** A menu: its label, icon and order, and its tree of items, previewed as a role sees it. */
export function MenuEditor(props: DefinitionEditorProps<MenuDefinition>) {
  const { value, context, readOnly } = props;
  const t = useContentT('menu');
  const { i18n } = useTranslation();
  const lang = context.languages.find((l) => l === i18n.language) ?? 'en';
  const [selected, setSelected] = useState<number[] | null>(value.items.length ? [0] : null);
  const [role, setRole] = useState('');
  const items = value.items ?? [];
  const targets = useMemo(() => draftTargets(context.bundle, context.files), [context.bundle, context.files]);
  const visibility = useMemo(
    () => (role ? menuVisibility(context.bundle, context.files, targets, items, role) : null),
    [role, context.bundle, context.files, targets, items],
  );
  const set = (patch: Partial<MenuDefinition>) => {
    const next = { ...value, ...patch } as Record<string, unknown>;
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    props.onChange(next as unknown as MenuDefinition);
  };
  const newItem = (): MenuItem => ({ name: freshName(items), label: { [lang]: freshName(items) }, url: '/' });
  const current = selected ? itemAt(items, selected) : undefined;

  const act = (action: TreeAction, path: number[]) => {
    let r: { items: MenuItem[]; path: number[] | null };
    if (action === 'up' || action === 'down') r = moveItem(items, path, action === 'up' ? -1 : 1);
    else if (action === 'indent') r = indentItem(items, path);
    else if (action === 'outdent') r = outdentItem(items, path);
    else if (action === 'remove') r = { items: removeItem(items, path), path: null };
    else {
      const parent = itemAt(items, path)!;
      const children = [...(parent.children ?? []), newItem()];
      r = { items: updateItem(items, path, { ...parent, children }), path: [...path, children.length - 1] };
    }
    set({ items: r.items });
    setSelected(r.path);
  };

  return (
    <Stack spacing={2} sx={{ p: 2, minWidth: 0 }}>
      {props.issues.length > 0 && (
        <Alert severity="error">
          {props.issues.map((i) => (
            <div key={`${i.pointer}-${i.code}`}>{`${i.pointer || '/'} — ${i.message}`}</div>
          ))}
        </Alert>
      )}
      <Paper variant="outlined" component="section" aria-label={t('settings')} sx={{ p: 2 }}>
        <Stack spacing={1.5}>
          <PerLanguageFields
            label={t('label')}
            value={value.label}
            onChange={(label) => set({ label: label ?? {} })}
            languages={context.languages}
            required
            readOnly={readOnly}
          />
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={1}>
            <IconPicker value={value.icon} onChange={(icon) => set({ icon })} readOnly={readOnly} />
            <TextField
              size="small"
              type="number"
              label={t('order')}
              value={value.order ?? ''}
              onChange={(e) =>
                set({ order: e.target.value === '' ? undefined : Math.trunc(Number(e.target.value)) || 0 })
              }
              slotProps={{ input: { readOnly }, htmlInput: { min: -10000, max: 10000 } }}
            />
          </Stack>
        </Stack>
      </Paper>

      <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Paper
          variant="outlined"
          component="section"
          aria-labelledby="menu-items-title"
          sx={{ p: 2, flex: 1, minWidth: 0, width: '100%' }}
        >
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
            <Typography id="menu-items-title" variant="h6" component="h3" sx={{ flex: 1 }}>
              {t('items')}
            </Typography>
            <TextField
              select
              size="small"
              label={t('previewAs')}
              value={role}
              onChange={(e) => setRole(e.target.value)}
              sx={{ minWidth: 200 }}
            >
              <Option value="">{t('everyone')}</Option>
              {context.roles.map((r) => (
                <Option key={r} value={r}>
                  {r}
                </Option>
              ))}
            </TextField>
          </Stack>
          <Typography variant="caption" color="text.secondary">
            {t('depthLimit', { max: MAX_MENU_DEPTH })}
          </Typography>
          <MenuTreeView
            items={items}
            selected={selected}
            onSelect={setSelected}
            onAction={act}
            visibility={visibility}
            lang={lang}
            readOnly={readOnly}
          />
          {!readOnly && (
            <Box sx={{ mt: 1 }}>
              <Button
                startIcon={<AddIcon />}
                onClick={() => {
                  set({ items: insertItem(items, [items.length], newItem()) });
                  setSelected([items.length]);
                }}
              >
                {t('addItem')}
              </Button>
            </Box>
          )}
        </Paper>
        <Paper variant="outlined" sx={{ p: 2, flex: 1, minWidth: 0, width: '100%' }}>
          {current && selected ? (
            <MenuItemFields
              item={current}
              onChange={(next) => set({ items: updateItem(items, selected, next) })}
              bundle={context.bundle}
              targets={targets}
              languages={context.languages}
              newChild={newItem}
              readOnly={readOnly}
            />
          ) : (
            <Typography color="text.secondary">{t('noneSelected')}</Typography>
          )}
        </Paper>
      </Stack>
    </Stack>
  );
}
