import { Alert, Box, Chip, Paper, Stack, Typography } from '@mui/material';
import type { FileDiff } from '../api/designer-types.ts';
import { useDesignerT } from '../i18n/i18n.ts';
import { buildDiffModel, type DiffLine } from './diff-model.ts';

const STATUS_COLOR = { added: 'success', removed: 'error', changed: 'primary' } as const;

function Line({ line }: { line: DiffLine }) {
  const t = useDesignerT();
  return (
    <Box component="li" sx={{ py: 0.5, borderTop: 1, borderColor: 'divider', listStyle: 'none' }}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {line.place || t('diff.wholeFile')} <Chip component="span" label={t(`diff.${line.kind}`)} variant="outlined" />
      </Typography>
      {line.before !== null && (
        <Typography
          variant="body2"
          component="div"
          sx={{ fontFamily: 'ui-monospace, monospace', color: 'error.main', wordBreak: 'break-word' }}
        >
          <span aria-hidden>− </span>
          <Box component="span" sx={{ position: 'absolute', left: -9999 }}>
            {t('diff.before')}:{' '}
          </Box>
          {line.before}
        </Typography>
      )}
      {line.after !== null && (
        <Typography
          variant="body2"
          component="div"
          sx={{ fontFamily: 'ui-monospace, monospace', color: 'success.main', wordBreak: 'break-word' }}
        >
          <span aria-hidden>+ </span>
          <Box component="span" sx={{ position: 'absolute', left: -9999 }}>
            {t('diff.after')}:{' '}
          </Box>
          {line.after}
        </Typography>
      )}
    </Box>
  );
}

/** The difference between two versions (or a version and the draft), file by file, in words. */
export function DiffView({ files }: { files: readonly FileDiff[] }) {
  const t = useDesignerT();
  const model = buildDiffModel(files);
  if (!model.files.length) return <Alert severity="info">{t('diff.same')}</Alert>;
  return (
    <Stack spacing={1.5}>
      <Typography variant="body2">
        {t('diff.summary', { added: model.counts.added, removed: model.counts.removed, changed: model.counts.changed })}
      </Typography>
      {model.files.map((f) => (
        <Paper key={f.path} variant="outlined" component="section" aria-label={f.path} sx={{ p: 1.5 }}>
          <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
            <Typography component="h3" variant="subtitle2" sx={{ fontFamily: 'ui-monospace, monospace', flexGrow: 1 }}>
              {f.path}
            </Typography>
            <Chip color={STATUS_COLOR[f.status]} label={t(`diff.file.${f.status}`)} />
          </Stack>
          {f.lines.length > 0 && (
            <Box component="ul" sx={{ m: 0, mt: 1, p: 0 }}>
              {f.lines.map((l, i) => (
                <Line key={i} line={l} />
              ))}
            </Box>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
