import type { I18nText } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import { NameField } from '../common/name-field.tsx';
import { TextsField } from '../common/texts-field.tsx';

/** A state's or transition's name (unique among `taken`) and its label in every language. */
export function NameAndLabel(props: {
  name: string;
  label: I18nText | undefined;
  taken: string[];
  onRename: (name: string) => void;
  onLabel: (label: I18nText) => void;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <NameField
        value={props.name}
        label={t('workflowEditor.name')}
        help={t('workflowEditor.nameHelp')}
        invalidText={t('workflowEditor.nameInvalid')}
        takenText={t('workflowEditor.nameTaken')}
        taken={props.taken}
        onCommit={props.onRename}
        readOnly={props.readOnly}
      />
      <TextsField
        value={props.label}
        onChange={(label) => props.onLabel(label ?? { en: props.name })}
        labelFor={(lang) => t('workflowEditor.labelIn', { lang: t(`workflowEditor.languages.${lang}`) })}
        readOnly={props.readOnly}
      />
    </>
  );
}
