import { rankWith, uiTypeIs, type HorizontalLayout, type LayoutProps, type RankedTester } from '@jsonforms/core';
import { JsonFormsDispatch, withJsonFormsLayoutProps } from '@jsonforms/react';
import { Grid } from '@mui/material';

/**
 * A row of fields side by side from the `sm` breakpoint up, one under the other on a phone:
 * JSON Forms' own row keeps them side by side at any width, and cuts them on a narrow screen.
 */
function HorizontalLayoutRow({ uischema, schema, path, enabled, visible, renderers, cells }: LayoutProps) {
  const { elements } = uischema as HorizontalLayout;
  if (!visible || elements.length === 0) return null;
  return (
    <Grid container spacing={2}>
      {elements.map((child, index) => (
        <Grid key={`${path}-${index}`} size={{ xs: 12, sm: 'grow' }} sx={{ minWidth: 0 }}>
          <JsonFormsDispatch
            uischema={child}
            schema={schema}
            path={path}
            enabled={enabled}
            renderers={renderers}
            cells={cells}
          />
        </Grid>
      ))}
    </Grid>
  );
}

// Above JSON Forms' own horizontal layout (rank 2).
export const horizontalLayoutTester: RankedTester = rankWith(3, uiTypeIs('HorizontalLayout'));
export const HorizontalRenderer = withJsonFormsLayoutProps(HorizontalLayoutRow);
