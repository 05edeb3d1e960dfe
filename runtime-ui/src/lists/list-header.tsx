import AddIcon from '@mui/icons-material/Add';
import { Button, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation } from 'react-router';
import type { Query } from '../api/api-client.ts';
import { useAbilities } from '../api/queries.ts';
import { BookmarkStar } from '../bookmarks/bookmark-star.tsx';
import type { EntityModel } from '../model/entity-model.ts';
import { may, recordUrl } from '../shell/navigation.ts';
import { ExportButtons } from './export-buttons.tsx';
import { writeListUrl, type ListUrlState } from './list-url-state.ts';
import { SavedFiltersMenu } from './saved-filters-menu.tsx';

interface ListHeaderProps {
  model: EntityModel;
  title: string;
  /** The list's query as the engine reads it; with it, the exports (when allowed). */
  exportQuery?: Query;
  /** The view shown: saved filters belong to a view. */
  viewKey?: string;
  /** The filter and sort in the address, which a saved filter keeps. */
  urlState?: ListUrlState;
  /** The visible columns (a saved filter keeps them too), and how to show others. */
  columns?: string[];
  onApplyColumns?: (columns: string[]) => void;
}

/** A list's title, its star, saved filters, exports of what the user sees, and "New" (when allowed). */
export function ListHeader({ model, title, exportQuery, viewKey, urlState, columns, onApplyColumns }: ListHeaderProps) {
  const { t } = useTranslation();
  const abilities = useAbilities();
  const { pathname, search } = useLocation();
  const canCreate = may(abilities.data, model.key, 'create');
  const canExport = !!exportQuery && may(abilities.data, model.key, 'export');
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
      <Typography component="h1" variant="h5">
        {title}
      </Typography>
      <Stack direction="row" sx={{ flexGrow: 1 }}>
        <BookmarkStar
          label={title}
          target={urlState ? `${pathname}?${writeListUrl(urlState, new URLSearchParams(search))}` : undefined}
        />
      </Stack>
      {viewKey && urlState && columns && onApplyColumns && (
        <SavedFiltersMenu view={viewKey} current={urlState} columns={columns} onApplyColumns={onApplyColumns} />
      )}
      {canExport && <ExportButtons model={model} query={exportQuery} />}
      {canCreate && (
        <Button
          component={RouterLink}
          to={recordUrl(model.bundle, model.name, 'new')}
          startIcon={<AddIcon />}
          variant="contained"
        >
          {t('list.new')}
        </Button>
      )}
    </Stack>
  );
}
