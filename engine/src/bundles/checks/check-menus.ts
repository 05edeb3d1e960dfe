import { MAX_MENU_DEPTH, type MenuItem } from '@opsflux/definitions';
import type { Bundle, BundleIssue } from '../bundle-types.ts';
import { namingIssues, type BundleCheck, type CheckContext } from './check-context.ts';

type Say = (pointer: string, code: string, message: string) => void;
const TARGETS = ['view', 'form', 'url', 'children'] as const;

/**
 * Each menu item opens exactly one view, form or page, or groups children; the views and forms
 * exist (in this bundle or a dependency); sibling names are unique; items nest at most
 * MAX_MENU_DEPTH deep.
 */
export const checkMenus: BundleCheck = (ctx) => {
  const issues: BundleIssue[] = namingIssues('menu', ctx.menus);
  for (const { file, def } of ctx.menus) {
    const say: Say = (pointer, code, message) =>
      issues.push({ file, pointer, code, message: `Menu "${def.name}": ${message}` });
    itemsProblems(ctx, def.items, '/items', 1, say);
  }
  return issues;
};

function itemsProblems(ctx: CheckContext, items: MenuItem[], base: string, depth: number, say: Say): void {
  const names = new Set<string>();
  items.forEach((item, i) => {
    const at = `${base}/${i}`;
    const who = `item "${item.name}"`;
    if (names.has(item.name)) say(`${at}/name`, 'menu.duplicate_item', `two items here are named "${item.name}"`);
    names.add(item.name);
    if (depth > MAX_MENU_DEPTH) {
      say(at, 'menu.too_deep', `${who} is nested ${depth} levels deep; menus nest at most ${MAX_MENU_DEPTH}`);
      return;
    }
    const given = TARGETS.filter((t) => item[t] !== undefined);
    if (given.length !== 1)
      say(
        at,
        'menu.target',
        `${who} must open one view, form or url, or group children; it has ${given.length ? given.join(' and ') : 'none'}`,
      );
    if (item.view !== undefined) {
      const problem = refProblem(ctx, item.view, 'view', (b) => b.views);
      if (problem) say(`${at}/view`, 'menu.unknown_view', `${who}: ${problem}`);
    }
    if (item.form !== undefined) {
      const problem = refProblem(ctx, item.form, 'form', (b) => b.forms);
      if (problem) say(`${at}/form`, 'menu.unknown_form', `${who}: ${problem}`);
    }
    if (item.children) itemsProblems(ctx, item.children, `${at}/children`, depth + 1, say);
  });
}

/** Why `ref` (`name` or `bundle.name`) names no view or form, or undefined when it does (or cannot be told yet). */
function refProblem(
  ctx: CheckContext,
  ref: string,
  kind: 'view' | 'form',
  of: (b: Pick<Bundle, 'views' | 'forms'>) => { name: string }[],
): string | undefined {
  const [bundle, name] = ref.includes('.') ? ref.split('.') : [ctx.manifest.name, ref];
  if (bundle === ctx.manifest.name) {
    const local = kind === 'view' ? ctx.views : ctx.forms;
    return local.some((d) => d.def.name === name) ? undefined : `this bundle has no ${kind} "${name}"`;
  }
  if (!Object.hasOwn(ctx.manifest.dependencies ?? {}, bundle!)) return `the bundle "${bundle}" is not a dependency`;
  const dep = ctx.available.get(bundle!);
  if (!dep) return undefined; // reported by the dependency check
  return of(dep).some((d) => d.name === name) ? undefined : `the bundle "${bundle}" has no ${kind} "${name}"`;
}
