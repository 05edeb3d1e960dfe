import type { AutomationAction } from '@opsflux/definitions';
import type { ComponentType } from 'react';
import { EmailFields, NotifyFields, type ActionChoices } from './message-action-fields.tsx';
import { CreateFields, PluginFields, TransitionFields, UpdateFields, WebhookFields } from './record-action-fields.tsx';

interface ActionFieldsProps {
  value: AutomationAction;
  onChange: (next: AutomationAction) => void;
  choices: ActionChoices;
  readOnly?: boolean;
}

type Fields = ComponentType<ActionFieldsProps>;

/** Which fields edit which kind of action: one entry per kind. */
const FIELDS: Record<AutomationAction['type'], Fields> = {
  notify: NotifyFields as Fields,
  email: EmailFields as Fields,
  webhook: WebhookFields as Fields,
  create: CreateFields as Fields,
  update: UpdateFields as Fields,
  transition: TransitionFields as Fields,
  plugin: PluginFields as Fields,
};

export function ActionFields(props: ActionFieldsProps) {
  const Editor = FIELDS[props.value.type];
  return Editor ? <Editor {...props} /> : null;
}
