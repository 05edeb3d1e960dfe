import {
  FormControlLabel,
  Stack,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import type { Language } from '@opsflux/definitions';
import { useMemo, useState } from 'react';
import type { DefinitionEditorProps } from '../editor-types.ts';
import { useContentT } from '../i18n/content-editors-messages.ts';
import { TranslationCell } from './translation-cell.tsx';
import { collectTexts, missingLanguages, writeText, type TextEntry } from './translatable-texts.ts';

type Files = Record<string, unknown>;

const keyOf = (e: TextEntry) => `${e.file}#${e.pointer}`;

/**
 * Every translatable text of the draft, the four languages side by side. The host hands it all
 * the draft's files as `value` and saves the files `onChange` gives back changed.
 */
export function TranslationsPage(props: DefinitionEditorProps<Files>) {
  const { context, readOnly } = props;
  const files = props.value ?? context.files;
  const t = useContentT('translations');
  const tc = useContentT('common');
  // The rows missing a language when the filter was turned on: filling one in keeps its row.
  const [missingOnly, setMissingOnly] = useState<Set<string> | null>(null);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const [perPage, setPerPage] = useState(25);
  const languages = context.languages as readonly Language[];
  const entries = useMemo(() => collectTexts(files), [files]);
  const isMissing = (e: TextEntry) => missingLanguages(e.text, languages).length > 0;
  const missingCount = entries.filter(isMissing).length;
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return entries.filter(
      (e) =>
        (!missingOnly || missingOnly.has(keyOf(e))) &&
        (!q || `${e.file} ${e.pointer} ${Object.values(e.text).join(' ')}`.toLowerCase().includes(q)),
    );
  }, [entries, missingOnly, search]);
  const start = Math.min(page, Math.max(0, Math.ceil(shown.length / perPage) - 1)) * perPage;

  const commit = (file: string, pointer: string, lang: Language, value: string) => {
    try {
      props.onChange({ ...files, [file]: writeText(files[file], pointer, lang, value) });
      return true;
    } catch {
      return false;
    }
  };

  return (
    <Stack spacing={1.5} sx={{ p: 2, minWidth: 0 }}>
      <Typography variant="body2" color="text.secondary">
        {t('help')}
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
        <TextField
          size="small"
          type="search"
          label={t('search')}
          value={search}
          onChange={(e) => (setSearch(e.target.value), setPage(0))}
        />
        <FormControlLabel
          control={
            <Switch
              checked={missingOnly !== null}
              onChange={(e) => {
                setMissingOnly(e.target.checked ? new Set(entries.filter(isMissing).map(keyOf)) : null);
                setPage(0);
              }}
            />
          }
          label={t('missingOnly')}
        />
        <Typography variant="body2" role="status">
          {t('count', { shown: shown.length, total: entries.length, missing: missingCount })}
        </Typography>
      </Stack>
      {shown.length === 0 ? (
        <Typography color="text.secondary">{t('none')}</Typography>
      ) : (
        <TableContainer>
          <Table size="small" aria-label={t('title')} sx={{ tableLayout: 'fixed', minWidth: 900 }}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: '20%' }}>{t('where')}</TableCell>
                {languages.map((l) => (
                  <TableCell key={l} lang={l}>
                    {tc(`languages.${l}`)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.slice(start, start + perPage).map((e) => (
                <TableRow key={keyOf(e)} sx={{ verticalAlign: 'top' }}>
                  <TableCell component="th" scope="row" sx={{ wordBreak: 'break-all' }}>
                    <Typography variant="body2">{e.file}</Typography>
                    <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
                      {e.pointer}
                    </Typography>
                  </TableCell>
                  {languages.map((l) => (
                    <TableCell key={l}>
                      <TranslationCell
                        value={e.text[l]}
                        lang={l}
                        label={`${e.file} ${e.pointer} (${tc(`languages.${l}`)})`}
                        onCommit={(v) => commit(e.file, e.pointer, l, v)}
                        readOnly={readOnly}
                      />
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      <TablePagination
        component="div"
        count={shown.length}
        page={start / perPage}
        rowsPerPage={perPage}
        rowsPerPageOptions={[25, 50, 100]}
        onPageChange={(_, p) => setPage(p)}
        onRowsPerPageChange={(e) => (setPerPage(Number(e.target.value)), setPage(0))}
      />
    </Stack>
  );
}
