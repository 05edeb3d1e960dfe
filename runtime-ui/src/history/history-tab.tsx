import PrintIcon from '@mui/icons-material/Print';
import {
  Alert,
  Box,
  Button,
  Chip,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import type { Approval, AuditEntry, DataResponse, Text, WorkflowStep } from '../api/api-types.ts';
import { keys, recordPath } from '../api/queries.ts';
import { ReferenceLabel } from '../components/reference-label.tsx';
import { CompanyLabel, PersonLabel, usePersonName } from '../components/system-label.tsx';
import { useDefText } from '../i18n/definition-text.ts';
import type { EntityModel } from '../model/entity-model.ts';
import { formatValue, type Formats } from '../model/format-value.ts';
import { mergeHistory, peopleOf, type TimelineEntry } from './merge-history.ts';

/** What the system columns hold, when the engine's meta does not say (an older engine). */
const SYSTEM_KINDS: Record<string, string> = {
  company_id: 'company',
  created_by: 'user',
  updated_by: 'user',
  deleted_by: 'user',
  created_at: 'datetime',
  updated_at: 'datetime',
  deleted_at: 'datetime',
};

/** The record's whole story, oldest first: what the auditor reads, and prints. */
export function HistoryTab({ model, id, formats }: { model: EntityModel; id: string; formats: Formats }) {
  const { t } = useTranslation();
  const api = useApi();
  const path = recordPath(model.bundle, model.name, id);
  const key = [...keys.record(model.bundle, model.name, id), 'history'];
  const history = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const [audit, steps, approvals] = await Promise.all([
        api.get<DataResponse<AuditEntry[]>>(`${path}/history`, { signal }).then((r) => r.data),
        model.states
          ? api.get<DataResponse<WorkflowStep[]>>(`${path}/workflow`, { signal }).then((r) => r.data)
          : Promise.resolve([]),
        // A decision names its approval step: its label is read from the record's approvals.
        model.states
          ? api.get<DataResponse<Approval[]>>(`${path}/approvals`, { signal }).then((r) => r.data)
          : Promise.resolve([]),
      ]);
      const stepLabels = new Map<string, Text>();
      for (const a of approvals) for (const s of a.steps) stepLabels.set(`${a.name}.${s.name}`, s.label);
      return { entries: mergeHistory(audit, steps), stepLabels, people: peopleOf(audit, steps, approvals) };
    },
  });
  if (history.isPending) return <Skeleton variant="rounded" height={200} />;
  if (history.error) return <Alert severity="error">{history.error.message}</Alert>;
  return (
    <Box>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
        <Typography component="h2" variant="h6">
          {t('history.title')}
        </Typography>
        <Button startIcon={<PrintIcon />} onClick={() => window.print()} sx={{ displayPrint: 'none' }}>
          {t('history.print')}
        </Button>
      </Stack>
      {history.data.entries.length === 0 && <Typography color="text.secondary">{t('history.empty')}</Typography>}
      <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }}>
        {history.data.entries.map((entry) => (
          <Line
            key={entry.key}
            entry={entry}
            model={model}
            formats={formats}
            people={history.data.people}
            stepLabel={entry.transition ? history.data.stepLabels.get(entry.transition) : undefined}
          />
        ))}
      </Box>
    </Box>
  );
}

function Line({
  entry,
  model,
  formats,
  people,
  stepLabel,
}: {
  entry: TimelineEntry;
  model: EntityModel;
  formats: Formats;
  /** Names of the people the story names, by id. */
  people: ReadonlyMap<string, string>;
  /** The approval step's label, for a decision. */
  stepLabel?: Text | undefined;
}) {
  const { t } = useTranslation();
  const text = useDefText();
  const behalf = usePersonName(entry.onBehalfOf ?? null, people);
  const state = (name: string | null | undefined) => model.states?.find((s) => s.name === name)?.label ?? name ?? '';
  const transition = model.transitions.find((x) => x.name === entry.transition)?.label ?? entry.transition;
  const what = (() => {
    switch (entry.kind) {
      case 'create':
      case 'update':
      case 'delete':
      case 'restore':
        return t(
          `history.${entry.kind === 'create' ? 'created' : entry.kind === 'update' ? 'updated' : entry.kind === 'delete' ? 'deleted' : 'restored'}`,
        );
      case 'transition':
        return transition
          ? t('history.transitionNamed', { transition, from: state(entry.from), to: state(entry.to) })
          : t('history.transition', { from: state(entry.from), to: state(entry.to) });
      case 'decision':
        return t('history.decision', {
          decision: t(`workflow.stepStatus.${entry.decision}`, { defaultValue: entry.decision ?? '' }),
          step: text(stepLabel, entry.step ?? ''),
        });
      case 'migration':
        return t('history.migration', { from: state(entry.from), to: state(entry.to) });
      default:
        return t('history.other', { action: entry.action });
    }
  })();
  const show = (field: string, value: unknown) => {
    const f = model.field(field);
    if (value === null || value === undefined || value === '') return <em>{t('history.empty_value')}</em>;
    if ((f?.type === 'reference' || f?.type === 'references') && f.target)
      return Array.isArray(value) ? (
        value.map((v, i) => (
          <span key={i}>
            {i > 0 && ', '}
            <ReferenceLabel target={f.target!} value={v} />
          </span>
        ))
      ) : (
        <ReferenceLabel target={f.target} value={value} />
      );
    if (field === 'state') return state(String(value));
    // A system column: the company and the people by name, not by id.
    const kind = f ? undefined : (model.systemFields.find((s) => s.name === field)?.type ?? SYSTEM_KINDS[field]);
    if (kind === 'company') return <CompanyLabel id={String(value)} />;
    if (kind === 'user') return <PersonLabel id={String(value)} people={people} />;
    return formatValue(f ?? (kind ? { type: kind } : undefined), value, formats);
  };
  return (
    <Box
      component="li"
      sx={{ position: 'relative', pl: 3, pb: 2, borderLeft: 2, borderColor: 'divider', ml: 1, breakInside: 'avoid' }}
    >
      <Box
        aria-hidden
        sx={{
          position: 'absolute',
          left: -7,
          top: 4,
          width: 12,
          height: 12,
          borderRadius: '50%',
          bgcolor:
            entry.outcome === 'denied'
              ? 'error.main'
              : entry.kind === 'transition' || entry.kind === 'decision'
                ? 'primary.main'
                : 'text.disabled',
        }}
      />
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', alignItems: 'baseline' }}>
        <Typography variant="body2" component="time" dateTime={entry.at} color="text.secondary">
          {formatValue({ type: 'datetime' }, entry.at, formats)}
        </Typography>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {entry.who ?? t('history.system')}
        </Typography>
        <Typography variant="body2">{what}</Typography>
        {entry.onBehalfOf && (
          <Typography variant="body2">
            ({t('history.onBehalfOf', { who: behalf ?? (behalf === null ? t('history.personUnavailable') : '…') })})
          </Typography>
        )}
        {entry.outcome === 'denied' && (
          <Chip size="small" color="error" label={t('history.denied', { reason: entry.reason ?? '' })} />
        )}
      </Stack>
      {entry.comment && (
        <Typography variant="body2" sx={{ mt: 0.5, fontStyle: 'italic' }}>
          {t('history.comment')}: “{entry.comment}”
        </Typography>
      )}
      {entry.outcome !== 'denied' && entry.reason && entry.kind !== 'transition' && (
        <Typography variant="body2" color="text.secondary">
          {entry.reason}
        </Typography>
      )}
      {entry.changes.length > 0 && (
        <Table size="small" sx={{ mt: 1, maxWidth: 720 }}>
          <TableHead>
            <TableRow>
              <TableCell>{t('history.field')}</TableCell>
              <TableCell>{t('history.before')}</TableCell>
              <TableCell>{t('history.after')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {entry.changes.map((c) => (
              <TableRow key={c.field}>
                <TableCell component="th" scope="row">
                  {model.field(c.field)?.label ?? model.systemFields.find((s) => s.name === c.field)?.label ?? c.field}
                </TableCell>
                <TableCell>{show(c.field, c.from)}</TableCell>
                <TableCell>{show(c.field, c.to)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
