import { MenuItem as Option, Stack, TextField, Typography } from '@mui/material';
import { NAME_PATTERN, RELATIVE_URL_PATTERN, type Language, type MenuItem } from '@opsflux/definitions';
import { NamePicker } from '../common/name-picker.tsx';
import { PerLanguageFields } from '../common/per-language-fields.tsx';
import { useContentT } from '../i18n/content-editors-messages.ts';
import { IconPicker } from './icon-picker.tsx';
import { itemEntity, targetKind, withTargetKind, type MenuTarget, type TargetKind } from './menu-targets.ts';

interface MenuItemFieldsProps {
  item: MenuItem;
  onChange: (next: MenuItem) => void;
  bundle: string;
  targets: readonly MenuTarget[];
  languages: readonly Language[];
  /** A first child for an item turned into a group. */
  newChild: () => MenuItem;
  readOnly?: boolean;
}

const KINDS: TargetKind[] = ['view', 'form', 'url', 'group'];

/** One item: name, label per language, icon, and what it opens. */
export function MenuItemFields({
  item,
  onChange,
  bundle,
  targets,
  languages,
  newChild,
  readOnly,
}: MenuItemFieldsProps) {
  const t = useContentT('menu');
  const kind = targetKind(item);
  const ro = { input: { readOnly } };
  const entity = itemEntity(bundle, item, targets);
  const names = (k: 'view' | 'form') => targets.filter((x) => x.kind === k).map((x) => x.name);

  return (
    <Stack spacing={1.5} component="section" aria-label={t('item', { name: item.name })}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1}>
        <TextField
          size="small"
          label={t('name')}
          value={item.name}
          onChange={(e) => onChange({ ...item, name: e.target.value })}
          error={!new RegExp(NAME_PATTERN).test(item.name)}
          slotProps={ro}
        />
        <IconPicker
          value={item.icon}
          onChange={(icon) => {
            const { icon: _i, ...rest } = item;
            onChange(icon ? { ...rest, icon } : rest);
          }}
          readOnly={readOnly}
        />
      </Stack>
      <PerLanguageFields
        label={t('itemLabel')}
        value={item.label}
        onChange={(label) => onChange({ ...item, label: label ?? {} })}
        languages={languages}
        required
        readOnly={readOnly}
      />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1}>
        <TextField
          select
          size="small"
          label={t('target')}
          value={kind}
          onChange={(e) => onChange(withTargetKind(item, e.target.value as TargetKind, newChild()))}
          slotProps={ro}
          sx={{ minWidth: 220 }}
        >
          {KINDS.map((k) => (
            <Option key={k} value={k}>
              {t(`targets.${k}`)}
            </Option>
          ))}
        </TextField>
        {(kind === 'view' || kind === 'form') && (
          <NamePicker
            label={t(kind)}
            value={item[kind]}
            onChange={(v) => onChange({ ...item, [kind]: v ?? '' })}
            options={names(kind)}
            error={!item[kind]}
            readOnly={readOnly}
          />
        )}
        {kind === 'url' && (
          <TextField
            size="small"
            fullWidth
            label={t('url')}
            value={item.url ?? ''}
            onChange={(e) => onChange({ ...item, url: e.target.value })}
            error={!new RegExp(RELATIVE_URL_PATTERN).test(item.url ?? '')}
            slotProps={ro}
          />
        )}
      </Stack>
      {entity && (
        <Typography variant="body2" color="text.secondary">
          {t('entityOf', { entity })}
        </Typography>
      )}
    </Stack>
  );
}
