import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import { Alert, Button, Paper, Stack, Typography } from '@mui/material';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ValidationResult } from '../api/designer-types.ts';
import { errorMessage } from '../components/error-message.ts';
import { IssueList } from '../components/issue-list.tsx';
import type { DraftIssue } from '../editor-types.ts';
import { useDesignerT } from '../i18n/i18n.ts';

/** The draft's problems as the engine's validation finds them; each one opens its file. */
export function ProblemsPanel({
  validation,
  onOpen,
}: {
  validation: UseQueryResult<ValidationResult>;
  onOpen: (issue: DraftIssue) => void;
}) {
  const t = useDesignerT();
  const issues = validation.data?.issues ?? [];
  return (
    <Paper variant="outlined" component="section" aria-labelledby="problems-title" sx={{ p: 1.5 }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, mb: 1 }}>
        <Typography id="problems-title" component="h2" variant="subtitle1" sx={{ fontWeight: 600, flexGrow: 1 }}>
          {t('problems.title')}
          {validation.data ? ` (${issues.length})` : ''}
        </Typography>
        <Button
          size="small"
          startIcon={<FactCheckIcon />}
          onClick={() => void validation.refetch()}
          disabled={validation.isFetching}
        >
          {validation.isFetching ? t('problems.validating') : t('problems.validate')}
        </Button>
      </Stack>
      <div aria-live="polite">
        {validation.error ? (
          <Alert severity="error">{errorMessage(validation.error, t)}</Alert>
        ) : !validation.data ? (
          <Typography variant="body2" color="text.secondary">
            {t('problems.notYet')}
          </Typography>
        ) : issues.length === 0 ? (
          <Stack direction="row" sx={{ alignItems: 'center', gap: 1, color: 'success.main' }}>
            <CheckCircleIcon fontSize="small" />
            <Typography variant="body2">{t('problems.none')}</Typography>
          </Stack>
        ) : (
          <IssueList issues={issues} onOpen={onOpen} />
        )}
      </div>
    </Paper>
  );
}
