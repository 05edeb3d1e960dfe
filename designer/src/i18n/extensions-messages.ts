import i18next, { type i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';

/**
 * The extension editor's words (`extensionEditor.`), and the file tree's for the `extensions`
 * kind (`designer.kinds.extensions`, `designer.tree.add.extensions`), in every language.
 */
const en = {
  designer: { kinds: { extensions: 'Extensions' }, tree: { add: { extensions: 'Add an extension' } } },
  extensionEditor: {
    title: 'Extension {{name}}',
    settings: 'Extension',
    target: 'Entity it adds fields to',
    targetHelp: 'An entity of a bundle listed in bundle.json "dependencies"',
    noTargets: 'No entity to extend yet: list the bundle that owns it in bundle.json "dependencies".',
    notDependency: '"{{bundle}}" is not a dependency of this bundle: list it in bundle.json "dependencies".',
    description: 'Description',
    existing: 'Fields {{entity}} already has',
    existingNone: 'The fields of {{entity}} are not known here (is the bundle installed?).',
    addedBy: 'added by {{bundle}}',
    thisBundle: 'this bundle (published)',
    fields: 'Fields it adds',
    addField: 'Add a field',
    clash: {
      target: 'Field "{{name}}": {{entity}} already has a field of that name: choose another name',
      otherBundle:
        'Field "{{name}}": the bundle "{{bundle}}" already adds a field of that name to {{entity}}: choose another name',
      sibling: 'Field "{{name}}": {{file}} already adds a field of that name to {{entity}}: choose another name',
      duplicate: 'Field "{{name}}": this extension already has a field of that name',
    },
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
type ExtensionMessages = Shape<typeof en>;

const fr: ExtensionMessages = {
  designer: { kinds: { extensions: 'Extensions' }, tree: { add: { extensions: 'Ajouter une extension' } } },
  extensionEditor: {
    title: 'Extension {{name}}',
    settings: 'Extension',
    target: 'Entité à laquelle elle ajoute des champs',
    targetHelp: 'Une entité d’un bundle listé dans « dependencies » de bundle.json',
    noTargets:
      'Aucune entité à étendre pour l’instant : ajoutez le bundle qui la possède aux « dependencies » de bundle.json.',
    notDependency:
      '« {{bundle}} » n’est pas une dépendance de ce bundle : ajoutez-le aux « dependencies » de bundle.json.',
    description: 'Description',
    existing: 'Champs que {{entity}} a déjà',
    existingNone: 'Les champs de {{entity}} ne sont pas connus ici (le bundle est-il installé ?).',
    addedBy: 'ajouté par {{bundle}}',
    thisBundle: 'ce bundle (publié)',
    fields: 'Champs ajoutés',
    addField: 'Ajouter un champ',
    clash: {
      target: 'Champ « {{name}} » : {{entity}} a déjà un champ de ce nom : choisissez-en un autre',
      otherBundle:
        'Champ « {{name}} » : le bundle « {{bundle}} » ajoute déjà un champ de ce nom à {{entity}} : choisissez-en un autre',
      sibling: 'Champ « {{name}} » : {{file}} ajoute déjà un champ de ce nom à {{entity}} : choisissez-en un autre',
      duplicate: 'Champ « {{name}} » : cette extension a déjà un champ de ce nom',
    },
  },
};

const es: ExtensionMessages = {
  designer: { kinds: { extensions: 'Extensiones' }, tree: { add: { extensions: 'Añadir una extensión' } } },
  extensionEditor: {
    title: 'Extensión {{name}}',
    settings: 'Extensión',
    target: 'Entidad a la que añade campos',
    targetHelp: 'Una entidad de un bundle listado en "dependencies" de bundle.json',
    noTargets: 'Aún no hay entidad que extender: añada el bundle que la contiene a "dependencies" de bundle.json.',
    notDependency: '"{{bundle}}" no es una dependencia de este bundle: añádalo a "dependencies" de bundle.json.',
    description: 'Descripción',
    existing: 'Campos que {{entity}} ya tiene',
    existingNone: 'Los campos de {{entity}} no se conocen aquí (¿está instalado el bundle?).',
    addedBy: 'añadido por {{bundle}}',
    thisBundle: 'este bundle (publicado)',
    fields: 'Campos que añade',
    addField: 'Añadir un campo',
    clash: {
      target: 'Campo "{{name}}": {{entity}} ya tiene un campo con ese nombre: elija otro nombre',
      otherBundle:
        'Campo "{{name}}": el bundle "{{bundle}}" ya añade un campo con ese nombre a {{entity}}: elija otro nombre',
      sibling: 'Campo "{{name}}": {{file}} ya añade un campo con ese nombre a {{entity}}: elija otro nombre',
      duplicate: 'Campo "{{name}}": esta extensión ya tiene un campo con ese nombre',
    },
  },
};

const pt: ExtensionMessages = {
  designer: { kinds: { extensions: 'Extensões' }, tree: { add: { extensions: 'Adicionar uma extensão' } } },
  extensionEditor: {
    title: 'Extensão {{name}}',
    settings: 'Extensão',
    target: 'Entidade à qual adiciona campos',
    targetHelp: 'Uma entidade de um bundle listado em "dependencies" do bundle.json',
    noTargets: 'Ainda não há entidade a estender: adicione o bundle que a contém a "dependencies" do bundle.json.',
    notDependency: '"{{bundle}}" não é uma dependência deste bundle: adicione-o a "dependencies" do bundle.json.',
    description: 'Descrição',
    existing: 'Campos que {{entity}} já tem',
    existingNone: 'Os campos de {{entity}} não são conhecidos aqui (o bundle está instalado?).',
    addedBy: 'adicionado por {{bundle}}',
    thisBundle: 'este bundle (publicado)',
    fields: 'Campos que adiciona',
    addField: 'Adicionar um campo',
    clash: {
      target: 'Campo "{{name}}": {{entity}} já tem um campo com esse nome: escolha outro nome',
      otherBundle:
        'Campo "{{name}}": o bundle "{{bundle}}" já adiciona um campo com esse nome a {{entity}}: escolha outro nome',
      sibling: 'Campo "{{name}}": {{file}} já adiciona um campo com esse nome a {{entity}}: escolha outro nome',
      duplicate: 'Campo "{{name}}": esta extensão já tem um campo com esse nome',
    },
  },
};

export const extensionMessages: Record<'en' | 'fr' | 'es' | 'pt', ExtensionMessages> = { en, fr, es, pt };

/** Adds the words to an i18next instance, merged beside the app's own. */
export function registerExtensionMessages(instance: I18n): void {
  for (const [lng, messages] of Object.entries(extensionMessages))
    instance.addResourceBundle(lng, 'translation', messages, true, false);
}

// Registered on the shared instance, whoever initialises it and when.
if (i18next.isInitialized) registerExtensionMessages(i18next);
else i18next.on('initialized', () => registerExtensionMessages(i18next));

/** `t` for the extension editor's words. */
export function useExtensionT() {
  return useTranslation('translation', { keyPrefix: 'extensionEditor' }).t;
}
