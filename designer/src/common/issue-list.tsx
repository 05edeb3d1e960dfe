import { Alert, Box } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { DraftIssue } from '../editor-types.ts';

/** The validation problems about one part of a file, shown beside it. */
export function IssueList(props: { issues: readonly DraftIssue[] }) {
  const { t } = useTranslation();
  if (!props.issues.length) return null;
  return (
    <Alert severity="error" aria-label={t('editors.common.issues')} sx={{ my: 1 }}>
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        {props.issues.map((i, n) => (
          <li key={n} data-pointer={i.pointer}>
            {i.message} <code>{i.pointer || '/'}</code>
          </li>
        ))}
      </Box>
    </Alert>
  );
}
