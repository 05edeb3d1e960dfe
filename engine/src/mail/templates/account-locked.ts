import type { MailTemplate } from './mail-template.ts';

export interface AccountLockedVars {
  name: string;
  until: Date;
}

export const accountLocked: MailTemplate = {
  en: {
    subject: 'Your OpsFlux account is temporarily locked',
    blocks: [
      'Hello {{name}},',
      'Your OpsFlux account was locked after several failed sign-in attempts. You can sign in again after {{date until}}.',
      'If these attempts were not yours, someone may be trying to guess your password: as soon as you can sign in, change it and tell your administrator.',
    ],
  },
  fr: {
    subject: 'Votre compte OpsFlux est temporairement verrouillé',
    blocks: [
      'Bonjour {{name}},',
      'Votre compte OpsFlux a été verrouillé après plusieurs tentatives de connexion échouées. Vous pourrez vous reconnecter après le {{date until}}.',
      'Si ces tentatives ne viennent pas de vous, quelqu’un essaie peut-être de deviner votre mot de passe : dès que vous pourrez vous reconnecter, changez-le et prévenez votre administrateur.',
    ],
  },
  es: {
    subject: 'Su cuenta de OpsFlux está bloqueada temporalmente',
    blocks: [
      'Hola, {{name}}:',
      'Su cuenta de OpsFlux se ha bloqueado tras varios intentos fallidos de inicio de sesión. Podrá volver a iniciar sesión a partir del {{date until}}.',
      'Si no fue usted quien hizo esos intentos, puede que alguien esté intentando adivinar su contraseña: en cuanto pueda iniciar sesión, cámbiela y avise a su administrador.',
    ],
  },
  pt: {
    subject: 'A sua conta OpsFlux está temporariamente bloqueada',
    blocks: [
      'Olá, {{name}},',
      'A sua conta OpsFlux foi bloqueada após várias tentativas de início de sessão falhadas. Poderá voltar a iniciar sessão a partir de {{date until}}.',
      'Se estas tentativas não foram suas, alguém pode estar a tentar adivinhar a sua palavra-passe: assim que puder iniciar sessão, altere-a e avise o seu administrador.',
    ],
  },
};
