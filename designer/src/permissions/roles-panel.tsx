import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import {
  Alert,
  Autocomplete,
  Box,
  Button,
  FormControlLabel,
  IconButton,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import type { PermissionsDefinition } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import { NameField } from '../common/name-field.tsx';
import { TextsField } from '../common/texts-field.tsx';
import { uniqueName } from '../workflows/workflow-ops.ts';
import { inheritanceCycle } from './permission-matrix.ts';
import { addRole, removeRole, renameRole, updateRole } from './permission-roles.ts';

interface RolesPanelProps {
  def: PermissionsDefinition;
  bundle: string;
  /** Roles of other bundles (`bundle.role`) a role may inherit from. */
  otherRoles: readonly string[];
  onChange: (next: PermissionsDefinition) => void;
  readOnly?: boolean;
}

/** The bundle's roles: names, labels, inheritance and second-factor requirement. */
export function RolesPanel({ def, bundle, otherRoles, onChange, readOnly }: RolesPanelProps) {
  const { t } = useTranslation();
  const roles = def.roles ?? [];
  const cycle = inheritanceCycle(roles);
  const langLabel = (key: string) => (lang: string) => t(key, { lang: t(`permissionEditor.languages.${lang}`) });
  return (
    <Stack spacing={2} component="section" aria-labelledby="perm-roles-title">
      <Typography id="perm-roles-title" component="h3" variant="subtitle1">
        {t('permissionEditor.roles.title')}
      </Typography>
      {cycle && <Alert severity="error">{t('permissionEditor.roles.cycle', { role: cycle })}</Alert>}
      {!roles.length && <Typography color="text.secondary">{t('permissionEditor.roles.none')}</Typography>}
      {roles.map((r, i) => (
        <Box
          key={i}
          component="fieldset"
          sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5, m: 0, minWidth: 0 }}
        >
          <Stack direction="row" sx={{ alignItems: 'center' }}>
            <Typography component="legend" variant="subtitle2" sx={{ flex: 1, fontFamily: 'monospace' }}>
              {`${bundle}.${r.name}`}
            </Typography>
            {!readOnly && (
              <IconButton
                size="small"
                aria-label={t('permissionEditor.roles.remove', { name: r.name })}
                onClick={() => onChange(removeRole(def, i, bundle))}
              >
                <DeleteOutlineIcon fontSize="small" />
              </IconButton>
            )}
          </Stack>
          <Box sx={{ display: 'grid', gap: 1.5, mt: 1, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
            <Stack spacing={1.5}>
              <NameField
                value={r.name}
                label={t('permissionEditor.roles.name')}
                help={t('permissionEditor.roles.nameHelp', { code: `${bundle}.${r.name}` })}
                invalidText={t('permissionEditor.roles.nameInvalid')}
                takenText={t('permissionEditor.roles.nameTaken')}
                taken={roles.filter((_, j) => j !== i).map((x) => x.name)}
                onCommit={(name) => onChange(renameRole(def, i, name, bundle))}
                readOnly={readOnly}
              />
              <Autocomplete
                multiple
                freeSolo
                size="small"
                options={[...roles.filter((_, j) => j !== i).map((x) => x.name), ...otherRoles]}
                value={r.inherits ?? []}
                readOnly={readOnly}
                onChange={(_, inherits) => onChange(updateRole(def, i, { inherits }))}
                renderInput={(params) => <TextField {...params} label={t('permissionEditor.roles.inherits')} />}
              />
              <FormControlLabel
                control={
                  <Switch
                    checked={!!r.mfaRequired}
                    disabled={readOnly}
                    onChange={(e) => onChange(updateRole(def, i, { mfaRequired: e.target.checked }))}
                  />
                }
                label={t('permissionEditor.roles.mfaRequired')}
              />
            </Stack>
            <Stack spacing={1.5}>
              <TextsField
                value={r.label}
                onChange={(label) => onChange(updateRole(def, i, { label: label ?? { en: r.name } }))}
                labelFor={langLabel('permissionEditor.roles.labelIn')}
                readOnly={readOnly}
              />
              <TextsField
                value={r.description}
                multiline
                onChange={(description) => onChange(updateRole(def, i, { description }))}
                labelFor={langLabel('permissionEditor.roles.descriptionIn')}
                readOnly={readOnly}
              />
            </Stack>
          </Box>
        </Box>
      ))}
      {!readOnly && (
        <Button
          startIcon={<AddIcon />}
          sx={{ alignSelf: 'flex-start' }}
          onClick={() =>
            onChange(
              addRole(
                def,
                uniqueName(
                  'role',
                  roles.map((r) => r.name),
                ),
              ),
            )
          }
        >
          {t('permissionEditor.roles.add')}
        </Button>
      )}
    </Stack>
  );
}
