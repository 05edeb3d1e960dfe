import { Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import type { GrantDefinition, PermissionsDefinition } from '@opsflux/definitions';
import { useMemo, useState } from 'react';
import type { FieldInfo } from '../workflows/draft-lookups.ts';
import { useTranslation } from 'react-i18next';
import { CellDialog, type CellTarget } from './cell-dialog.tsx';
import { cellKey } from './permission-issues.ts';
import { PermissionCell } from './permission-cell.tsx';
import { ancestors, cellRules, compareActions, MATRIX_ACTIONS, setCell, toMatrix } from './permission-matrix.ts';

interface MatrixTableProps {
  def: PermissionsDefinition;
  entity: string;
  /** Transitions of the entity's workflow: each is an action `transition:<name>`. */
  transitions: readonly string[];
  fields: readonly FieldInfo[];
  /** The engine's messages per cell (permission-issues.ts). */
  issues: ReadonlyMap<string, string[]>;
  onChange: (grants: GrantDefinition[]) => void;
  readOnly?: boolean;
}

/** Roles × actions for one entity, a scope per cell; a cell opens its rules in full. */
export function PermissionMatrixTable({
  def,
  entity,
  transitions,
  fields,
  issues,
  onChange,
  readOnly,
}: MatrixTableProps) {
  const { t } = useTranslation();
  const grants = useMemo(() => def.grants ?? [], [def.grants]);
  const matrix = useMemo(() => toMatrix(grants), [grants]);
  const [open, setOpen] = useState<CellTarget | null>(null);
  const localRoles = (def.roles ?? []).map((r) => r.name);
  const roles = [...new Set([...localRoles, ...grants.filter((g) => g.entity === entity).map((g) => g.role)])];
  const actions = [
    ...new Set([
      ...MATRIX_ACTIONS,
      ...transitions.map((n) => `transition:${n}`),
      ...grants.filter((g) => g.entity === entity).flatMap((g) => g.actions.filter((a) => a.startsWith('transition:'))),
    ]),
  ].sort(compareActions);
  const actionLabel = (a: string) =>
    a.startsWith('transition:')
      ? t('permissionEditor.actions.transition', { name: a.slice('transition:'.length) })
      : t(`permissionEditor.actions.${a}`);
  const set = (role: string, action: string, rules: Parameters<typeof setCell>[4]) =>
    onChange(setCell(grants, role, entity, action, rules));

  if (!roles.length) return <Typography color="text.secondary">{t('permissionEditor.noRole')}</Typography>;
  return (
    <>
      <TableContainer sx={{ maxWidth: '100%', overflowX: 'auto' }}>
        <Table size="small" stickyHeader aria-describedby="perm-matrix-caption">
          <caption id="perm-matrix-caption" style={{ captionSide: 'top', textAlign: 'left' }}>
            {t('permissionEditor.matrixCaption', { entity })}
          </caption>
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">
                {t('permissionEditor.role')}
              </TableCell>
              {actions.map((a) => (
                <TableCell key={a} component="th" scope="col" sx={{ whiteSpace: 'nowrap' }}>
                  {actionLabel(a)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {roles.map((role) => {
              const parents = localRoles.includes(role) ? ancestors(def.roles ?? [], role) : [];
              return (
                <TableRow key={role} hover>
                  <TableCell component="th" scope="row" sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
                    {role}
                  </TableCell>
                  {actions.map((a) => (
                    <TableCell key={a} sx={{ verticalAlign: 'top' }}>
                      <PermissionCell
                        rules={cellRules(matrix, role, entity, a)}
                        problems={issues.get(cellKey(role, entity, a)) ?? []}
                        inherited={parents.filter((p) => cellRules(matrix, p, entity, a).length > 0)}
                        role={role}
                        entity={entity}
                        action={actionLabel(a)}
                        readOnly={readOnly}
                        onScope={(scope) => set(role, a, scope ? [{ scope }] : [])}
                        onDetails={() => setOpen({ role, entity, action: a, actionLabel: actionLabel(a) })}
                      />
                    </TableCell>
                  ))}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      {open && (
        <CellDialog
          target={open}
          rules={cellRules(matrix, open.role, open.entity, open.action)}
          fields={fields}
          readOnly={readOnly}
          onApply={(rules) => set(open.role, open.action, rules)}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}
