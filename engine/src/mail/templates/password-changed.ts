import type { MailTemplate } from './mail-template.ts';

export interface PasswordChangedVars {
  name: string;
  at: Date;
}

export const passwordChanged: MailTemplate = {
  en: {
    subject: 'Your OpsFlux password was changed',
    blocks: [
      'Hello {{name}},',
      'The password of your OpsFlux account was changed on {{date at}}.',
      'If you made this change, there is nothing to do. If not, reset your password straight away from the sign-in page and tell your administrator: someone else may have access to your account.',
    ],
  },
  fr: {
    subject: 'Le mot de passe de votre compte OpsFlux a été modifié',
    blocks: [
      'Bonjour {{name}},',
      'Le mot de passe de votre compte OpsFlux a été modifié le {{date at}}.',
      'Si vous êtes à l’origine de ce changement, vous n’avez rien à faire. Sinon, réinitialisez immédiatement votre mot de passe depuis la page de connexion et prévenez votre administrateur : quelqu’un d’autre a peut-être accès à votre compte.',
    ],
  },
  es: {
    subject: 'Se ha cambiado la contraseña de su cuenta de OpsFlux',
    blocks: [
      'Hola, {{name}}:',
      'La contraseña de su cuenta de OpsFlux se cambió el {{date at}}.',
      'Si hizo usted este cambio, no tiene que hacer nada. Si no, restablezca su contraseña de inmediato desde la página de inicio de sesión y avise a su administrador: otra persona podría tener acceso a su cuenta.',
    ],
  },
  pt: {
    subject: 'A palavra-passe da sua conta OpsFlux foi alterada',
    blocks: [
      'Olá, {{name}},',
      'A palavra-passe da sua conta OpsFlux foi alterada em {{date at}}.',
      'Se foi você que fez esta alteração, não precisa de fazer nada. Caso contrário, redefina já a sua palavra-passe a partir da página de início de sessão e avise o seu administrador: outra pessoa pode ter acesso à sua conta.',
    ],
  },
};
