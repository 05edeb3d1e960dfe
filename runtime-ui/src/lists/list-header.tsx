import AddIcon from '@mui/icons-material/Add';
import DownloadIcon from '@mui/icons-material/Download';
import { Button, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { withQuery, type Query } from '../api/api-client.ts';
import { entityPath, useAbilities } from '../api/queries.ts';
import type { EntityModel } from '../model/entity-model.ts';
import { may, recordUrl } from '../shell/navigation.ts';

/** A list's title, its export of what the user sees (when allowed), and "New" (when allowed). */
export function ListHeader({ model, title, exportQuery }: { model: EntityModel; title: string; exportQuery?: Query }) {
  const { t } = useTranslation();
  const abilities = useAbilities();
  const canCreate = may(abilities.data, model.key, 'create');
  const canExport = !!exportQuery && may(abilities.data, model.key, 'export');
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
      <Typography component="h1" variant="h5" sx={{ flexGrow: 1 }}>
        {title}
      </Typography>
      {canExport && (
        <Button
          href={withQuery(`${entityPath(model.bundle, model.name)}/export`, { ...exportQuery, format: 'csv' })}
          startIcon={<DownloadIcon />}
          variant="outlined"
          download
        >
          CSV
        </Button>
      )}
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
