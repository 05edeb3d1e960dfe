import { Box } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { sampleRecord } from '../common/sample-record.ts';
import { LogicBuilder } from '../logic/logic-builder.tsx';
import { LogicPreview } from '../logic/logic-preview.tsx';
import type { PropertyWidgetProps } from './field-property-widgets.tsx';

/** A computed field's json-logic over the record, tried on a sample record as it is written. */
export function ComputedFieldEditor(p: PropertyWidgetProps) {
  const { t } = useTranslation();
  const expression = p.field.type === 'computed' ? p.field.expression : undefined;
  const others = p.entity.fields.filter((f) => f.name !== p.field.name);
  return (
    <Box sx={{ flexShrink: 0, width: '100%' }}>
      <LogicBuilder
        label={t('editors.entity.props.expression')}
        value={expression}
        variables={others.map((f) => f.name)}
        readOnly={p.readOnly}
        onChange={(v) => p.set({ expression: v ?? null })}
      />
      <LogicPreview key={p.field.name} expression={expression} sample={sampleRecord(others)} />
    </Box>
  );
}
