import { Checkbox, FormControlLabel, Stack, TextField } from '@mui/material';
import type { AutomationDefinition } from '@opsflux/definitions';
import { useContentT } from '../i18n/content-editors-messages.ts';

type Options = Pick<AutomationDefinition, 'delayMinutes' | 'batch' | 'repeat' | 'retries'>;

interface OptionsFieldsProps {
  value: Options;
  onChange: (next: Options) => void;
  readOnly?: boolean;
}

const int = (s: string) => (s.trim() === '' ? undefined : Math.max(0, Math.trunc(Number(s)) || 0));

/** When the actions run: after a delay, gathered in batches, repeated, retried. */
export function OptionsFields({ value, onChange, readOnly }: OptionsFieldsProps) {
  const t = useContentT('automation');
  const ro = { input: { readOnly } };
  const set = (patch: Partial<Options>) => {
    const next = { ...value, ...patch } as Record<string, unknown>;
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    onChange(next as Options);
  };
  return (
    <Stack spacing={1.5}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1}>
        <TextField
          size="small"
          type="number"
          label={t('delayMinutes')}
          helperText={t('delayHelp')}
          value={value.delayMinutes ?? ''}
          onChange={(e) => set({ delayMinutes: int(e.target.value) })}
          slotProps={{ ...ro, htmlInput: { min: 0 } }}
        />
        <TextField
          size="small"
          type="number"
          label={t('retries')}
          value={value.retries ?? ''}
          placeholder="3"
          onChange={(e) => set({ retries: int(e.target.value) })}
          slotProps={{ ...ro, htmlInput: { min: 0, max: 10 } }}
        />
      </Stack>
      <FormControlLabel
        control={
          <Checkbox
            checked={!!value.batch}
            disabled={readOnly}
            onChange={(e) => set({ batch: e.target.checked ? { size: 10, windowMinutes: 60 } : undefined })}
          />
        }
        label={t('batch')}
      />
      {value.batch && (
        <Stack direction="row" spacing={1}>
          <TextField
            size="small"
            type="number"
            label={t('batchSize')}
            value={value.batch.size}
            onChange={(e) => set({ batch: { ...value.batch!, size: int(e.target.value) ?? 2 } })}
            slotProps={{ ...ro, htmlInput: { min: 2 } }}
          />
          <TextField
            size="small"
            type="number"
            label={t('batchWindow')}
            value={value.batch.windowMinutes}
            onChange={(e) => set({ batch: { ...value.batch!, windowMinutes: int(e.target.value) ?? 1 } })}
            slotProps={{ ...ro, htmlInput: { min: 1 } }}
          />
        </Stack>
      )}
      <FormControlLabel
        control={
          <Checkbox
            checked={!!value.repeat}
            disabled={readOnly}
            onChange={(e) => set({ repeat: e.target.checked ? { everyMinutes: 60 } : undefined })}
          />
        }
        label={t('repeat')}
      />
      {value.repeat && (
        <Stack direction="row" spacing={1}>
          <TextField
            size="small"
            type="number"
            label={t('repeatEvery')}
            value={value.repeat.everyMinutes}
            onChange={(e) => set({ repeat: { ...value.repeat!, everyMinutes: int(e.target.value) ?? 1 } })}
            slotProps={{ ...ro, htmlInput: { min: 1 } }}
          />
          <TextField
            size="small"
            type="number"
            label={t('repeatMax')}
            value={value.repeat.maxTimes ?? ''}
            onChange={(e) => {
              const { maxTimes: _m, ...rest } = value.repeat!;
              const maxTimes = int(e.target.value);
              set({ repeat: maxTimes ? { ...rest, maxTimes } : rest });
            }}
            slotProps={{ ...ro, htmlInput: { min: 1 } }}
          />
        </Stack>
      )}
    </Stack>
  );
}
