import { Autocomplete, Box, MenuItem, Stack, Tab, Tabs, TextField, Typography } from '@mui/material';
import type { GrantDefinition, PermissionsDefinition } from '@opsflux/definitions';
import { useEffect, useMemo, useState } from 'react';
import { IssueList } from '../common/issue-list.tsx';
import { useTranslation } from 'react-i18next';
import type { DefinitionEditorProps } from '../editor-types.ts';
import '../i18n/flow-messages.ts';
import { draftEntities, draftWorkflows, entityFields } from '../workflows/draft-lookups.ts';
import { cellIssues, placeOf } from './permission-issues.ts';
import { PermissionMatrixTable } from './permission-matrix-table.tsx';
import { RolesPanel } from './roles-panel.tsx';
import { ViewAsPanel } from './view-as-panel.tsx';

type TabName = 'matrix' | 'roles' | 'viewAs';
const TABS: readonly TabName[] = ['matrix', 'roles', 'viewAs'];

function normalize(value: unknown): PermissionsDefinition {
  const v = (value && typeof value === 'object' ? value : {}) as Partial<PermissionsDefinition>;
  return { ...v, name: v.name ?? '' };
}

/**
 * The permission editor: a matrix of roles × actions per entity with a scope per cell (and
 * conditions and field restrictions behind it), the bundle's roles with their inheritance, and
 * "view as" — what a real user may do, as the engine explains it for the published bundle.
 */
export function PermissionEditor(props: DefinitionEditorProps<PermissionsDefinition>) {
  const { t } = useTranslation();
  const def = useMemo(() => normalize(props.value), [props.value]);
  const { context, readOnly } = props;
  const [tab, setTab] = useState<TabName>('matrix');
  const change = (next: PermissionsDefinition) => !readOnly && props.onChange(next);
  const setGrants = (grants: GrantDefinition[]) => change({ ...def, grants });

  const ownEntities = useMemo(() => [...draftEntities(context).keys()], [context]);
  const workflows = useMemo(() => draftWorkflows(context), [context]);
  const [shown, setShown] = useState<string[]>([]);
  const entities = [...new Set([...ownEntities, ...(def.grants ?? []).map((g) => g.entity), ...shown])];
  const [picked, setPicked] = useState('');
  const entity = entities.includes(picked) ? picked : (entities[0] ?? '');
  const others = Object.keys(context.otherEntities).filter((e) => !entities.includes(e));
  const fields = useMemo(() => entityFields(context, entity), [context, entity]);
  const transitionsOf = (e: string) => (e.includes('.') ? [] : (workflows.get(e)?.transitions ?? []));
  const otherRoles = context.roles.filter((r) => !r.startsWith(`${context.bundle}.`));
  const issuesByCell = useMemo(() => cellIssues(def, props.issues), [def, props.issues]);

  // The shell asks to reveal an issue: open the tab (and entity) it is about.
  useEffect(() => {
    if (props.focusPointer === undefined) return;
    const place = placeOf(def, props.focusPointer);
    if (place.tab === 'matrix') {
      setTab('matrix');
      setPicked(place.entity);
    } else if (place.tab === 'roles') setTab('roles');
    // Only a new pointer moves the view (the definition is read as it is then); edits must not.
  }, [props.focusPointer]);

  return (
    <Stack spacing={2} sx={{ minWidth: 0 }}>
      <IssueList issues={props.issues} />
      <Tabs value={tab} onChange={(_, v: TabName) => setTab(v)} aria-label={t('permissionEditor.sections')}>
        {TABS.map((name) => (
          <Tab
            key={name}
            value={name}
            label={t(`permissionEditor.tabs.${name}`)}
            id={`perm-tab-${name}`}
            aria-controls={`perm-panel-${name}`}
          />
        ))}
      </Tabs>
      <Box role="tabpanel" id={`perm-panel-${tab}`} aria-labelledby={`perm-tab-${tab}`}>
        {tab === 'matrix' &&
          (entities.length === 0 ? (
            <Typography color="text.secondary">{t('permissionEditor.noEntity')}</Typography>
          ) : (
            <Stack spacing={2}>
              <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
                <TextField
                  select
                  size="small"
                  sx={{ minWidth: 220 }}
                  label={t('permissionEditor.entity')}
                  value={entity}
                  onChange={(e) => setPicked(e.target.value)}
                >
                  {entities.map((e) => (
                    <MenuItem key={e} value={e}>
                      {e}
                    </MenuItem>
                  ))}
                </TextField>
                {!readOnly && others.length > 0 && (
                  <Autocomplete
                    size="small"
                    sx={{ minWidth: 260 }}
                    options={others}
                    value={null}
                    onChange={(_, e) => {
                      if (e) {
                        setShown([...shown, e]);
                        setPicked(e);
                      }
                    }}
                    renderInput={(params) => <TextField {...params} label={t('permissionEditor.addEntity')} />}
                  />
                )}
              </Stack>
              <PermissionMatrixTable
                def={def}
                entity={entity}
                transitions={transitionsOf(entity)}
                fields={fields}
                issues={issuesByCell}
                onChange={setGrants}
                readOnly={readOnly}
              />
            </Stack>
          ))}
        {tab === 'roles' && (
          <RolesPanel def={def} bundle={context.bundle} otherRoles={otherRoles} onChange={change} readOnly={readOnly} />
        )}
        {tab === 'viewAs' && <ViewAsPanel bundle={context.bundle} entities={ownEntities} transitions={transitionsOf} />}
      </Box>
    </Stack>
  );
}
