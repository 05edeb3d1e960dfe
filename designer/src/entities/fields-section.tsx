import AddIcon from '@mui/icons-material/Add';
import { Box, Button, Stack, Typography } from '@mui/material';
import type { EntityDefinition, FieldType } from '@opsflux/definitions';
import { IssueList } from '../common/issue-list.tsx';
import type { DraftContext, DraftIssue } from '../editor-types.ts';
import { FieldSettings } from './field-settings.tsx';
import { FieldsTable } from './fields-table.tsx';

/**
 * The fields of an entity (or of an extension, shown as one): the table, the button to add one,
 * and the selected field's settings. What a change does is the editor's: it says through the
 * callbacks, each with the field's index.
 */
export function FieldsSection(props: {
  /** Prefix of element ids: `<id>-fields-title`, `<id>-field`. */
  id: string;
  title: string;
  addLabel: string;
  entity: EntityDefinition;
  current: number | null;
  onSelect: (index: number) => void;
  /** Issues on `/fields` itself, and those of one field. */
  issues: readonly DraftIssue[];
  fieldIssues: (index: number) => DraftIssue[];
  context: DraftContext;
  readOnly?: boolean;
  onAdd: () => void;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
  onSet: (index: number, patch: Record<string, unknown>) => void;
  onRename: (index: number, to: string) => void;
  onTypeChange: (index: number, type: FieldType) => void;
}) {
  const { id, current, readOnly } = props;
  return (
    <Box component="section" aria-labelledby={`${id}-fields-title`}>
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
        <Typography id={`${id}-fields-title`} variant="h5" component="h2" sx={{ flex: 1 }}>
          {props.title}
        </Typography>
        {!readOnly && (
          <Button variant="outlined" startIcon={<AddIcon />} onClick={props.onAdd}>
            {props.addLabel}
          </Button>
        )}
      </Stack>
      <IssueList issues={props.issues.filter((i) => i.pointer === '/fields')} />
      <FieldsTable
        fields={props.entity.fields ?? []}
        selected={current}
        onSelect={props.onSelect}
        onMove={props.onMove}
        onRemove={props.onRemove}
        issueCount={(i) => props.fieldIssues(i).length}
        readOnly={readOnly}
      />
      {current !== null && (
        <Box id={`${id}-field`} tabIndex={-1} sx={{ mt: 2, p: 2, border: 1, borderColor: 'divider', borderRadius: 1 }}>
          <FieldSettings
            key={current}
            entity={props.entity}
            index={current}
            issues={props.fieldIssues(current)}
            context={props.context}
            readOnly={readOnly}
            set={(patch) => props.onSet(current, patch)}
            onRename={(to) => props.onRename(current, to)}
            onTypeChange={(type) => props.onTypeChange(current, type)}
          />
        </Box>
      )}
    </Box>
  );
}
