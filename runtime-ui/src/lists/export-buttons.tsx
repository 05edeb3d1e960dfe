import DownloadIcon from '@mui/icons-material/Download';
import { Alert, Button, ButtonGroup, Snackbar } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Download, Query } from '../api/api-client.ts';
import { useApi } from '../api/api-context.tsx';
import { entityPath } from '../api/queries.ts';
import type { EntityModel } from '../model/entity-model.ts';

type Format = 'csv' | 'xlsx';

/** Saves a file the browser holds under `name`. */
function save(download: Download, fallback: string) {
  const url = URL.createObjectURL(download.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = download.filename ?? fallback;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * CSV and Excel exports of exactly what the list shows: its filter, search, sort and visible
 * columns; the engine applies the user's permissions again. Fetched through the API client so
 * that the Excel headers come in the user's language and an error is shown, not downloaded.
 */
export function ExportButtons({ model, query }: { model: EntityModel; query: Query }) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState<Format | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (format: Format) => {
    setBusy(format);
    try {
      const file = await api.get<Download>(`${entityPath(model.bundle, model.name)}/export`, {
        query: { ...query, format },
        as: 'blob',
      });
      save(file, `${model.key}.${format}`);
    } catch (e) {
      setError(t('tools.exporting.failed', { message: (e as Error).message }));
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <ButtonGroup variant="outlined">
        {(['csv', 'xlsx'] as const).map((f) => (
          <Button
            key={f}
            startIcon={<DownloadIcon />}
            aria-label={t(f === 'csv' ? 'tools.exporting.csvLabel' : 'tools.exporting.xlsxLabel')}
            disabled={busy !== null}
            onClick={() => void run(f)}
          >
            {t(f === 'csv' ? 'tools.exporting.csv' : 'tools.exporting.xlsx')}
          </Button>
        ))}
      </ButtonGroup>
      <Snackbar open={!!error} autoHideDuration={8000} onClose={() => setError(null)}>
        <Alert severity="error" onClose={() => setError(null)}>
          {error}
        </Alert>
      </Snackbar>
    </>
  );
}
