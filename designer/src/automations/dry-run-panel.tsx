import { Alert, Button, FormControlLabel, Radio, RadioGroup, Stack, TextField, Typography } from '@mui/material';
import { useApi } from '@opsflux/runtime-ui/api-context';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { bundlePath, unwrap } from '../api/designer-api.ts';
import { JsonTextField } from '../common/json-text-field.tsx';
import { errorMessage } from '../components/error-message.ts';
import { useContentT } from '../i18n/content-editors-messages.ts';
import { useDesignerT } from '../i18n/i18n.ts';
import { ActionOutcomes, OutcomeChip, type ActionOutcome } from './run-result.tsx';

interface DryRunResult {
  dryRun: true;
  outcome: string;
  reason?: string;
  actions: ActionOutcome[];
}

interface DryRunPanelProps {
  bundle: string;
  automation: string;
  /** Inbound webhooks take a body instead of a record. */
  webhook: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Runs the draft's automation on a record or sample values; the engine rolls everything back. */
export function DryRunPanel({ bundle, automation, webhook }: DryRunPanelProps) {
  const t = useContentT('automation');
  const td = useDesignerT();
  const api = useApi();
  const [kind, setKind] = useState<'id' | 'json'>(webhook ? 'json' : 'id');
  const [recordId, setRecordId] = useState('');
  const [record, setRecord] = useState<unknown>({});
  const [before, setBefore] = useState<unknown>(undefined);
  const run = useMutation({
    mutationFn: async () => {
      const path = `${bundlePath(bundle)}/draft/automations/${encodeURIComponent(automation)}/dry-run`;
      const body =
        kind === 'id'
          ? { recordId: recordId.trim() }
          : webhook
            ? { body: record }
            : { record, ...(before !== undefined && { before }) };
      return unwrap<DryRunResult>(await api.post(path, body));
    },
  });
  const idInvalid = kind === 'id' && !UUID.test(recordId.trim());

  return (
    <Stack spacing={1.5}>
      <Typography variant="body2" color="text.secondary">
        {t('dryRunHelp')}
      </Typography>
      {!webhook && (
        <RadioGroup
          row
          aria-label={t('sampleKind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as 'id' | 'json')}
        >
          <FormControlLabel value="id" control={<Radio />} label={t('byId')} />
          <FormControlLabel value="json" control={<Radio />} label={t('byJson')} />
        </RadioGroup>
      )}
      {kind === 'id' ? (
        <TextField
          size="small"
          label={t('recordId')}
          value={recordId}
          onChange={(e) => setRecordId(e.target.value)}
          error={recordId !== '' && idInvalid}
          slotProps={{ htmlInput: { spellCheck: false, sx: { fontFamily: 'monospace' } } }}
        />
      ) : (
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={1}>
          <JsonTextField label={webhook ? t('body') : t('record')} value={record} onChange={setRecord} rows={4} />
          {!webhook && <JsonTextField label={t('before')} value={before} onChange={setBefore} rows={4} />}
        </Stack>
      )}
      <div>
        <Button variant="contained" onClick={() => run.mutate()} disabled={run.isPending || idInvalid}>
          {t('runDry')}
        </Button>
      </div>
      {run.isError && <Alert severity="error">{errorMessage(run.error, td)}</Alert>}
      {run.data && (
        <Stack component="section" aria-label={t('dryRun')} spacing={1} aria-live="polite">
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography variant="subtitle2" component="p">
              {t('outcome')}
            </Typography>
            <OutcomeChip outcome={run.data.outcome} />
            {run.data.reason && <Typography variant="body2">{`${t('reason')}: ${run.data.reason}`}</Typography>}
          </Stack>
          <Typography variant="subtitle2" component="p">
            {t('actionResults')}
          </Typography>
          <ActionOutcomes actions={run.data.actions} />
        </Stack>
      )}
    </Stack>
  );
}
