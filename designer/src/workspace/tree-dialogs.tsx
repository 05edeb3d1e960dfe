import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import type { DraftContext } from '../editor-types.ts';
import { extensionTargets } from '../extensions/extension-ops.ts';
import '../i18n/extensions-messages.ts';
import { useDesignerT } from '../i18n/i18n.ts';
import {
  checkNewName,
  definitionPath,
  displayName,
  newDefinition,
  renamedPath,
  TREE_GROUPS,
  type GroupKind,
} from './file-tree-model.ts';
import { NameDialog } from './name-dialog.tsx';
import type { DraftSession } from './use-draft-session.ts';

export type TreeAction =
  { type: 'add'; kind: GroupKind } | { type: 'rename'; path: string } | { type: 'delete'; path: string };

interface TreeDialogsProps {
  action: TreeAction | null;
  session: DraftSession;
  selected: string | null;
  onOpen: (path: string | null) => void;
  onClose: () => void;
  /** What a new extension may target (the dependencies' entities) is read from it. */
  context?: DraftContext;
}

/** The dialog of the tree's current action: add a definition, rename or delete a file. */
export function TreeDialogs({ action, session, selected, onOpen, onClose, context }: TreeDialogsProps) {
  const t = useDesignerT();
  const paths = Object.keys(session.files);
  if (!action) return null;

  if (action.type === 'add') {
    const folder = TREE_GROUPS.find((g) => g.kind === action.kind)?.folder ?? action.kind;
    return (
      <NameDialog
        title={t(`tree.add.${action.kind}`)}
        label={t('names.label')}
        submit={t('tree.create')}
        check={(name) => checkNewName(folder, name, paths)}
        onSubmit={async (name) => {
          const path = definitionPath(folder, name);
          const ok = await session.create(
            path,
            newDefinition(action.kind, name, context ? extensionTargets(context) : []),
          );
          if (ok) onOpen(path);
          return ok;
        }}
        onClose={onClose}
      />
    );
  }

  if (action.type === 'rename') {
    const current = displayName(action.path).split('/').pop() ?? '';
    const folder = action.path.slice(0, action.path.lastIndexOf('/'));
    return (
      <NameDialog
        title={t('tree.renameTitle', { path: action.path })}
        label={t('names.newLabel')}
        submit={t('tree.rename')}
        initial={current}
        check={(name) => (name === current ? 'nameSame' : checkNewName(folder, name, paths))}
        onSubmit={async (name) => {
          const to = renamedPath(action.path, name);
          const ok = await session.rename(action.path, to);
          if (ok && selected === action.path) onOpen(to);
          return ok;
        }}
        onClose={onClose}
      />
    );
  }

  return (
    <ConfirmDialog
      title={t('tree.deleteTitle', { path: action.path })}
      confirm={t('tree.delete')}
      danger
      onConfirm={() => {
        void session.remove(action.path).then((ok) => {
          if (ok && selected === action.path) onOpen(null);
        });
        onClose();
      }}
      onClose={onClose}
    >
      {t('tree.deleteBody')}
    </ConfirmDialog>
  );
}
