import { useAbilities, useBundles, useUiMeta } from '../api/queries.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { navFromBundles, navFromMenus, type NavGroup } from './navigation.ts';

/** The sidebar's groups: from menu definitions when the engine serves some, else from the bundles. */
export function useNavigation(): { groups: NavGroup[]; isPending: boolean; error: Error | null } {
  const lang = useLanguage();
  const ui = useUiMeta();
  const abilities = useAbilities();
  const hasMenus = !!ui.data && ui.data.menus.length > 0;
  const bundles = useBundles(ui.isFetched && !hasMenus);
  if (hasMenus) return { groups: navFromMenus(ui.data!, lang, abilities.data), isPending: false, error: null };
  if (bundles.data)
    return { groups: navFromBundles(bundles.data, lang, abilities.data), isPending: false, error: null };
  return {
    groups: [],
    isPending: ui.isPending || bundles.isPending || abilities.isPending,
    error: ui.error ?? bundles.error ?? null,
  };
}
