import { Box, Chip, Stack, Typography } from '@mui/material';
import { useContentT } from '../i18n/content-editors-messages.ts';

const EXAMPLE = '{{path.to.value}}';
const HELPERS = '{{date at}}, {{date at "day"}}, {{number n}}, {{number n 2}}';
const BLOCKS = '{{#if}}, {{#unless}}, {{#each}}, {{#with}}';

/** How to write variables, and the ones this template reads. */
export function TemplateVariablesHelp({ variables }: { variables: readonly string[] }) {
  const t = useContentT('template');
  return (
    <Stack component="section" aria-labelledby="template-variables-title" spacing={1}>
      <Typography id="template-variables-title" variant="subtitle1" component="h3">
        {t('variables')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('variablesHelp', { example: EXAMPLE, helpers: HELPERS, blocks: BLOCKS })}
      </Typography>
      <Typography variant="subtitle2" component="p">
        {t('variablesFound')}
      </Typography>
      {variables.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('noVariables')}
        </Typography>
      ) : (
        <Box component="ul" sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, p: 0, m: 0, listStyle: 'none' }}>
          {variables.map((v) => (
            <li key={v}>
              <Chip size="small" variant="outlined" label={v} sx={{ fontFamily: 'monospace' }} />
            </li>
          ))}
        </Box>
      )}
    </Stack>
  );
}
