import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { IconButton, MenuItem, Stack, TextField, Tooltip } from '@mui/material';
import type { Trigger } from '@opsflux/definitions';
import { JsonTextField } from '../common/json-text-field.tsx';
import { NamePicker } from '../common/name-picker.tsx';
import { useContentT } from '../i18n/content-editors-messages.ts';
import { TRIGGER_TYPES, defaultTrigger, isApprovalTrigger, webhookUrl, type TriggerType } from './automation-model.ts';
import { ScheduleFields, TimeZoneField } from './schedule-fields.tsx';

/** What the trigger editor offers to pick from: the entity's fields and workflow names. */
export interface TriggerChoices {
  fields: string[];
  dateFields: string[];
  transitions: string[];
  states: string[];
  approvals: string[];
}

interface TriggerEditorProps {
  value: Trigger;
  onChange: (next: Trigger) => void;
  bundle: string;
  automation: string;
  choices: TriggerChoices;
  readOnly?: boolean;
}

/** The trigger: its type, then what narrows it (a field, a transition, a schedule...). */
export function TriggerEditor({ value, onChange, bundle, automation, choices, readOnly }: TriggerEditorProps) {
  const t = useContentT('automation');
  const tc = useContentT('common');
  const set = (patch: Record<string, unknown>) => {
    const next = { ...value, ...patch } as Record<string, unknown>;
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    onChange(next as Trigger);
  };
  const ro = { input: { readOnly } };
  const url = webhookUrl(typeof window === 'undefined' ? '' : window.location.origin, bundle, automation);

  return (
    <Stack spacing={1.5}>
      <TextField
        select
        size="small"
        label={t('triggerType')}
        value={value.type}
        onChange={(e) => onChange(defaultTrigger(e.target.value as TriggerType, value))}
        slotProps={ro}
      >
        {TRIGGER_TYPES.map((type) => (
          <MenuItem key={type} value={type}>
            {t(`triggerTypes.${type}`)}
          </MenuItem>
        ))}
      </TextField>

      {value.type === 'field.changed' && (
        <>
          <NamePicker
            label={t('field')}
            value={value.field}
            onChange={(field) => set({ field: field ?? '' })}
            options={choices.fields}
            readOnly={readOnly}
          />
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
            <JsonTextField
              label={t('from')}
              value={value.from}
              onChange={(from) => set({ from })}
              readOnly={readOnly}
              rows={1}
              size="small"
            />
            <JsonTextField
              label={t('to')}
              value={value.to}
              onChange={(to) => set({ to })}
              readOnly={readOnly}
              rows={1}
              size="small"
            />
          </Stack>
        </>
      )}

      {value.type === 'transition' && (
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
          <NamePicker
            label={t('transitionName')}
            value={value.transition}
            onChange={(transition) => set({ transition })}
            options={choices.transitions}
            readOnly={readOnly}
          />
          <NamePicker
            label={t('toState')}
            value={value.to}
            onChange={(to) => set({ to })}
            options={choices.states}
            readOnly={readOnly}
          />
        </Stack>
      )}

      {isApprovalTrigger(value) && (
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
          <NamePicker
            label={t('approval')}
            value={value.approval}
            onChange={(approval) => set({ approval })}
            options={choices.approvals}
            readOnly={readOnly}
          />
          {value.type === 'approval.decided' && (
            <TextField
              select
              size="small"
              label={t('decision')}
              value={value.decision ?? ''}
              onChange={(e) => set({ decision: e.target.value || undefined })}
              slotProps={ro}
              sx={{ minWidth: 200 }}
            >
              <MenuItem value="">{t('anyDecision')}</MenuItem>
              <MenuItem value="approved">{t('approved')}</MenuItem>
              <MenuItem value="rejected">{t('rejected')}</MenuItem>
            </TextField>
          )}
        </Stack>
      )}

      {value.type === 'schedule' && (
        <ScheduleFields cron={value.cron} timezone={value.timezone} onChange={(s) => set(s)} readOnly={readOnly} />
      )}

      {value.type === 'date' && (
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={1}>
          <NamePicker
            label={t('dateField')}
            value={value.field}
            onChange={(field) => set({ field: field ?? '' })}
            options={choices.dateFields}
            readOnly={readOnly}
          />
          <TextField
            size="small"
            type="number"
            label={t('offsetDays')}
            value={value.offsetDays}
            onChange={(e) => set({ offsetDays: Math.trunc(Number(e.target.value)) || 0 })}
            slotProps={{ ...ro, htmlInput: { min: -3650, max: 3650, step: 1 } }}
          />
          <TextField
            size="small"
            type="time"
            label={t('at')}
            value={value.at ?? '08:00'}
            onChange={(e) => set({ at: e.target.value || undefined })}
            slotProps={{ ...ro, inputLabel: { shrink: true } }}
          />
          <TimeZoneField value={value.timezone} onChange={(timezone) => set({ timezone })} readOnly={readOnly} />
        </Stack>
      )}

      {value.type === 'webhook' && (
        <>
          <TextField
            size="small"
            label={t('secretEnv')}
            value={value.secretEnv}
            onChange={(e) => set({ secretEnv: e.target.value.toUpperCase() })}
            slotProps={{ ...ro, htmlInput: { pattern: '^[A-Z][A-Z0-9_]{0,63}$' } }}
          />
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <TextField
              size="small"
              fullWidth
              label={t('hookUrl')}
              value={url}
              slotProps={{ input: { readOnly: true, sx: { fontFamily: 'monospace' } } }}
            />
            <Tooltip title={tc('copy')}>
              <IconButton aria-label={tc('copy')} onClick={() => void navigator.clipboard?.writeText(url)}>
                <ContentCopyIcon />
              </IconButton>
            </Tooltip>
          </Stack>
        </>
      )}
    </Stack>
  );
}
