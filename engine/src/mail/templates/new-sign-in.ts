import type { MailTemplate } from './mail-template.ts';

export interface NewSignInVars {
  name: string;
  ip: string;
  userAgent: string;
  at: Date;
}

export const newSignIn: MailTemplate = {
  en: {
    subject: 'New sign-in to your OpsFlux account',
    blocks: [
      'Hello {{name}},',
      'Someone just signed in to your OpsFlux account:',
      {
        facts: [
          ['When:', '{{date at}}'],
          ['IP address:', '{{ip}}'],
          ['Browser:', '{{userAgent}}'],
        ],
      },
      'If this was you, there is nothing to do. If not, change your password straight away and tell your administrator.',
    ],
  },
  fr: {
    subject: 'Nouvelle connexion à votre compte OpsFlux',
    blocks: [
      'Bonjour {{name}},',
      'Une connexion à votre compte OpsFlux vient d’avoir lieu :',
      {
        facts: [
          ['Date :', '{{date at}}'],
          ['Adresse IP :', '{{ip}}'],
          ['Navigateur :', '{{userAgent}}'],
        ],
      },
      'Si c’était vous, vous n’avez rien à faire. Sinon, changez immédiatement votre mot de passe et prévenez votre administrateur.',
    ],
  },
  es: {
    subject: 'Nuevo inicio de sesión en su cuenta de OpsFlux',
    blocks: [
      'Hola, {{name}}:',
      'Se acaba de iniciar sesión en su cuenta de OpsFlux:',
      {
        facts: [
          ['Fecha:', '{{date at}}'],
          ['Dirección IP:', '{{ip}}'],
          ['Navegador:', '{{userAgent}}'],
        ],
      },
      'Si fue usted, no tiene que hacer nada. Si no, cambie su contraseña de inmediato y avise a su administrador.',
    ],
  },
  pt: {
    subject: 'Novo início de sessão na sua conta OpsFlux',
    blocks: [
      'Olá, {{name}},',
      'Foi iniciada uma sessão na sua conta OpsFlux:',
      {
        facts: [
          ['Data:', '{{date at}}'],
          ['Endereço IP:', '{{ip}}'],
          ['Navegador:', '{{userAgent}}'],
        ],
      },
      'Se foi você, não precisa de fazer nada. Caso contrário, altere já a sua palavra-passe e avise o seu administrador.',
    ],
  },
};
