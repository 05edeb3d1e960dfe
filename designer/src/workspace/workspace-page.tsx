import HistoryIcon from '@mui/icons-material/History';
import PublishIcon from '@mui/icons-material/Publish';
import { Alert, Box, Button, Paper, Stack, Typography } from '@mui/material';
import { FullPageProgress } from '@opsflux/runtime-ui/session-gate';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Draft } from '../api/designer-types.ts';
import { dkeys, useDesignerApi, useDraft } from '../api/queries.ts';
import { errorMessage } from '../components/error-message.ts';
import type { DraftIssue } from '../editor-types.ts';
import { useDesignerT } from '../i18n/i18n.ts';
import { PublishDialog } from '../publish/publish-dialog.tsx';
import { useDraftContext } from './draft-context.ts';
import { DraftConflictDialog } from './draft-conflict-dialog.tsx';
import { DiscardDraftButton } from './discard-draft-button.tsx';
import { DraftLeaveGuard } from './draft-leave-guard.tsx';
import { EditorHost } from './editor-host.tsx';
import { buildFileTree } from './file-tree-model.ts';
import { FileTree } from './file-tree.tsx';
import { issuesByFile, issueTarget } from './issue-location.ts';
import { ProblemsPanel } from './problems-panel.tsx';
import { SaveStatusChip } from './save-status.tsx';
import { TreeDialogs, type TreeAction } from './tree-dialogs.tsx';
import { useDraftSession } from './use-draft-session.ts';

/** `/bundles/:name`: loads the draft, then the workspace over it. */
export function WorkspaceRoute() {
  const t = useDesignerT();
  const { name = '' } = useParams();
  const draft = useDraft(name);
  const [generation, setGeneration] = useState(0);
  const qc = useQueryClient();
  if (draft.isPending) return <FullPageProgress />;
  if (draft.error) return <Alert severity="error">{errorMessage(draft.error, t)}</Alert>;
  const restart = async () => {
    await qc.invalidateQueries({ queryKey: dkeys.draft(name) });
    setGeneration((g) => g + 1);
  };
  return <Workspace key={`${name}:${generation}`} name={name} initial={draft.data} onRestart={restart} />;
}

function Workspace({ name, initial, onRestart }: { name: string; initial: Draft; onRestart: () => Promise<void> }) {
  const t = useDesignerT();
  const d = useDesignerApi();
  const session = useDraftSession(name, initial);
  const context = useDraftContext(name, session.files);
  const [params, setParams] = useSearchParams();
  const selected = params.get('file');
  const [focusPointer, setFocusPointer] = useState<string | undefined>();
  const [action, setAction] = useState<TreeAction | null>(null);
  const [publishing, setPublishing] = useState(false);
  const navigate = useNavigate();
  // Nothing published and no draft left: the bundle is gone, back to the list.
  const afterDiscard = () => (initial.baseVersion === null ? Promise.resolve(navigate('/bundles')) : onRestart());
  // A new bundle's draft may start at revision 0: the engine's `isDraft` says whether one is open.
  const noDraft = initial.isDraft === false && session.revision === initial.revision && !session.dirty;

  const validation = useQuery({
    queryKey: [...dkeys.validation(name), session.revision],
    queryFn: () => d.validate(name),
    enabled: session.status === 'saved',
    placeholderData: (previous) => previous,
    staleTime: Infinity,
  });
  const paths = useMemo(() => Object.keys(session.files), [session.files]);
  const tree = useMemo(() => buildFileTree(paths), [paths]);
  const byFile = useMemo(() => issuesByFile(validation.data?.issues ?? [], paths), [validation.data, paths]);

  const open = (path: string | null, pointer?: string) => {
    setFocusPointer(pointer);
    setParams(path ? { file: path } : {});
  };
  const openIssue = (issue: DraftIssue) => {
    const target = issueTarget(issue, paths);
    if (target) open(target.path, target.pointer || undefined);
  };
  const fileIssues = selected ? (byFile.get(selected) ?? []) : [];

  return (
    <Stack spacing={1.5} sx={{ height: { md: 'calc(100dvh - 80px)' } }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography component="h1" variant="h5" sx={{ mr: 1 }}>
          {t('workspace.title', { name })}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }}>
          {noDraft && initial.baseVersion
            ? t('workspace.noDraft', { version: initial.baseVersion })
            : initial.baseVersion
              ? t('workspace.basedOn', { version: initial.baseVersion })
              : t('workspace.newBundle')}
        </Typography>
        <SaveStatusChip status={session.status} revision={session.revision} onRetry={() => void session.flush()} />
        <Button component={RouterLink} to={`/bundles/${encodeURIComponent(name)}/history`} startIcon={<HistoryIcon />}>
          {t('workspace.history')}
        </Button>
        <DiscardDraftButton name={name} disabled={noDraft} onDiscarded={afterDiscard} />
        <Button variant="contained" startIcon={<PublishIcon />} disabled={noDraft} onClick={() => setPublishing(true)}>
          {t('workspace.publish')}
        </Button>
      </Stack>
      {session.status === 'error' && <Alert severity="error">{errorMessage(session.error, t)}</Alert>}
      <Box
        sx={{
          flexGrow: 1,
          minHeight: 0,
          display: 'grid',
          gap: 1.5,
          gridTemplateColumns: { xs: '1fr', md: '260px minmax(0, 1fr)' },
          gridTemplateRows: { md: 'minmax(0, 1fr) auto' },
        }}
      >
        <Paper variant="outlined" sx={{ overflow: 'auto', gridRow: { md: '1 / span 2' } }}>
          <FileTree
            tree={tree}
            selected={selected}
            issues={byFile}
            onOpen={(p) => open(p)}
            onAdd={(kind) => setAction({ type: 'add', kind })}
            onRename={(path) => setAction({ type: 'rename', path })}
            onDelete={(path) => setAction({ type: 'delete', path })}
          />
        </Paper>
        <Paper
          variant="outlined"
          component="section"
          aria-label={t('workspace.editor')}
          sx={{ p: 2, overflow: 'auto' }}
        >
          {selected && (selected in session.files || selected.startsWith('@')) ? (
            <EditorHost
              key={selected}
              path={selected}
              context={context}
              issues={fileIssues}
              focusPointer={focusPointer}
              onChange={session.change}
              onChangeMany={session.changeMany}
            />
          ) : (
            <Typography color="text.secondary">
              {selected ? t('workspace.fileGone', { path: selected }) : t('workspace.pick')}
            </Typography>
          )}
        </Paper>
        <Box sx={{ maxHeight: { md: '28vh' }, overflow: 'auto' }}>
          <ProblemsPanel validation={validation} onOpen={openIssue} />
        </Box>
      </Box>
      <TreeDialogs
        action={action}
        session={session}
        onClose={() => setAction(null)}
        onOpen={open}
        selected={selected}
        context={context}
      />
      {session.conflict && (
        <DraftConflictDialog conflict={session.conflict} onReload={session.reload} onOverwrite={session.overwrite} />
      )}
      {publishing && (
        <PublishDialog
          name={name}
          session={session}
          onOpenIssue={(issue) => {
            setPublishing(false);
            openIssue(issue);
          }}
          onClose={() => setPublishing(false)}
          onPublished={onRestart}
        />
      )}
      <DraftLeaveGuard status={session.status} />
    </Stack>
  );
}
