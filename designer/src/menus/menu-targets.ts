import type { I18nText, MenuItem } from '@opsflux/definitions';

/** A view or form of the draft a menu item can open. */
export interface MenuTarget {
  kind: 'view' | 'form';
  name: string;
  /** Qualified entity key, `bundle.entity`. */
  entity: string | undefined;
  label: I18nText | undefined;
}

export type TargetKind = 'view' | 'form' | 'url' | 'group';

const qualify = (bundle: string, name: string) => (name.includes('.') ? name : `${bundle}.${name}`);

/** The views and forms among the draft's files, with the entity each one shows. */
export function draftTargets(bundle: string, files: Readonly<Record<string, unknown>>): MenuTarget[] {
  const out: MenuTarget[] = [];
  for (const [path, content] of Object.entries(files)) {
    const m = /^(views|forms)\/[^/]+\.json$/.exec(path);
    if (!m || !content || typeof content !== 'object') continue;
    const def = content as { name?: unknown; entity?: unknown; label?: I18nText };
    if (typeof def.name !== 'string') continue;
    out.push({
      kind: m[1] === 'views' ? 'view' : 'form',
      name: def.name,
      entity: typeof def.entity === 'string' ? qualify(bundle, def.entity) : undefined,
      label: def.label,
    });
  }
  return out.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

/** What an item does: the target field it holds, children meaning a group. */
export function targetKind(item: MenuItem): TargetKind {
  if (item.children) return 'group';
  if (item.form !== undefined) return 'form';
  if (item.url !== undefined) return 'url';
  return 'view';
}

/** The item switched to another kind of target; the old target (and children) are dropped. */
export function withTargetKind(item: MenuItem, kind: TargetKind, child: MenuItem): MenuItem {
  const { view: _v, form: _f, url: _u, children: _c, ...plain } = item;
  if (kind === 'group') return { ...plain, children: item.children ?? [child] };
  if (kind === 'url') return { ...plain, url: item.url ?? '/' };
  return { ...plain, [kind]: item[kind] ?? '' };
}

/** The entity an item's view or form shows, when the draft holds that view or form. */
export function itemEntity(bundle: string, item: MenuItem, targets: readonly MenuTarget[]): string | undefined {
  const kind = targetKind(item);
  if (kind !== 'view' && kind !== 'form') return undefined;
  const ref = item[kind];
  if (!ref) return undefined;
  const local = ref.startsWith(`${bundle}.`) ? ref.slice(bundle.length + 1) : ref;
  return targets.find((t) => t.kind === kind && t.name === local)?.entity;
}
