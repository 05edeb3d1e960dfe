import DataObjectIcon from '@mui/icons-material/DataObject';
import { Box, CircularProgress, FormControlLabel, Stack, Switch, Typography } from '@mui/material';
import { lazy, Suspense, useMemo, useState, type ComponentType } from 'react';
import type { DefinitionEditorProps, DraftContext, DraftIssue } from '../editor-types.ts';
import { editorAvailable, editorEntryFor, loadEditor } from '../editors/index.ts';
import { JsonEditor } from '../editors/json-editor.tsx';
import { useDesignerT } from '../i18n/i18n.ts';
import { changedFiles } from './changed-files.ts';
import { EditorBoundary } from './editor-boundary.tsx';
import { TRANSLATIONS_ENTRY } from './file-tree-model.ts';

type AnyEditor = ComponentType<DefinitionEditorProps<unknown>>;
const cache = new Map<string, AnyEditor>();

/** One lazy component per editor module, so switching files of a kind keeps the loaded chunk. */
function lazyEditor(path: string): AnyEditor {
  const entry = editorEntryFor(path);
  const key = entry?.module ?? 'json';
  let found = cache.get(key);
  if (!found) {
    found = lazy(async () => ({ default: ((await loadEditor(path)) ?? JsonEditor) as AnyEditor }));
    cache.set(key, found);
  }
  return found;
}

interface EditorHostProps {
  path: string;
  context: DraftContext;
  issues: readonly DraftIssue[];
  focusPointer?: string;
  onChange: (path: string, content: unknown) => void;
  onChangeMany: (files: Record<string, unknown>) => void;
  readOnly?: boolean;
}

/**
 * Shows the editor of a file's kind (the registry in editors/index.ts), or the JSON editor when
 * that kind has none yet, fails, or the admin asks for the raw file. The translations page is
 * bundle-wide: it receives every file of the draft and hands back those it changed.
 */
export function EditorHost({ path, context, issues, focusPointer, onChange, onChangeMany, readOnly }: EditorHostProps) {
  const t = useDesignerT();
  const [raw, setRaw] = useState(false);
  const translations = path === TRANSLATIONS_ENTRY;
  const entry = editorEntryFor(path);
  const hasEditor = editorAvailable(entry);
  const Editor = useMemo(
    () => (raw || !hasEditor ? (JsonEditor as AnyEditor) : lazyEditor(path)),
    [raw, hasEditor, path],
  );
  const value = translations ? context.files : context.files[path];
  const handle = (next: unknown) => {
    if (translations) onChangeMany(changedFiles(context.files, (next ?? {}) as Record<string, unknown>));
    else onChange(path, next);
  };

  return (
    <Stack spacing={1} sx={{ minWidth: 0 }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
        <Typography component="h2" variant="h6" sx={{ flexGrow: 1, wordBreak: 'break-all' }}>
          {translations ? t('tree.translations') : path}
        </Typography>
        {hasEditor && !translations && (
          <FormControlLabel
            control={<Switch checked={raw} onChange={(e) => setRaw(e.target.checked)} />}
            label={
              <Stack direction="row" sx={{ alignItems: 'center', gap: 0.5 }}>
                <DataObjectIcon fontSize="small" />
                {t('editor.rawJson')}
              </Stack>
            }
          />
        )}
      </Stack>
      {!hasEditor && !translations && (
        <Typography variant="body2" color="text.secondary">
          {t('editor.noEditor')}
        </Typography>
      )}
      {translations && !hasEditor ? (
        <Typography color="text.secondary">{t('editor.noTranslations')}</Typography>
      ) : (
        <EditorBoundary
          key={`${path}:${raw}`}
          message={t('editor.failed')}
          action={t('editor.openJson')}
          onFallback={() => setRaw(true)}
        >
          <Suspense
            fallback={
              <Box role="status" sx={{ p: 4, display: 'grid', placeItems: 'center' }}>
                <CircularProgress aria-label={t('editor.loading')} />
              </Box>
            }
          >
            <Editor
              key={path}
              path={path}
              value={value}
              onChange={handle}
              issues={issues}
              focusPointer={focusPointer}
              context={context}
              readOnly={readOnly}
            />
          </Suspense>
        </EditorBoundary>
      )}
    </Stack>
  );
}
