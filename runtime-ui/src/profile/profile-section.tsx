import { Card, CardContent, CardHeader } from '@mui/material';
import { useId, type ReactNode } from 'react';

/** One part of the profile: a card named by its heading, so screen readers list it as a region. */
export function ProfileSection(props: { title: string; subheader?: string; action?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <Card variant="outlined" component="section" aria-labelledby={id}>
      <CardHeader
        title={props.title}
        subheader={props.subheader}
        action={props.action}
        slotProps={{ title: { component: 'h2', variant: 'h6', id }, subheader: { variant: 'body2' } }}
      />
      <CardContent sx={{ pt: 0 }}>{props.children}</CardContent>
    </Card>
  );
}
