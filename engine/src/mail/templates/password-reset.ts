import type { MailTemplate } from './mail-template.ts';

export interface PasswordResetVars {
  name: string;
  link: string;
  expiresInMinutes: number;
}

export const passwordReset: MailTemplate = {
  en: {
    subject: 'Reset your OpsFlux password',
    blocks: [
      'Hello {{name}},',
      'We received a request to reset the password of your OpsFlux account. To choose a new password, open this link:',
      { button: 'Choose a new password' },
      'The link expires in {{expiresInMinutes}} minutes and works only once.',
      'If you did not make this request, you can ignore this e-mail: your password stays as it is.',
    ],
  },
  fr: {
    subject: 'Réinitialisation de votre mot de passe OpsFlux',
    blocks: [
      'Bonjour {{name}},',
      'Nous avons reçu une demande de réinitialisation du mot de passe de votre compte OpsFlux. Pour choisir un nouveau mot de passe, ouvrez ce lien :',
      { button: 'Choisir un nouveau mot de passe' },
      'Ce lien expire dans {{expiresInMinutes}} minutes et ne peut servir qu’une seule fois.',
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
    ],
  },
  es: {
    subject: 'Restablezca su contraseña de OpsFlux',
    blocks: [
      'Hola, {{name}}:',
      'Hemos recibido una solicitud para restablecer la contraseña de su cuenta de OpsFlux. Para elegir una nueva contraseña, abra este enlace:',
      { button: 'Elegir una nueva contraseña' },
      'El enlace caduca en {{expiresInMinutes}} minutos y solo puede usarse una vez.',
      'Si no ha hecho esta solicitud, puede ignorar este mensaje: su contraseña seguirá siendo la misma.',
    ],
  },
  pt: {
    subject: 'Redefina a sua palavra-passe do OpsFlux',
    blocks: [
      'Olá, {{name}},',
      'Recebemos um pedido para redefinir a palavra-passe da sua conta OpsFlux. Para escolher uma nova palavra-passe, abra este link:',
      { button: 'Escolher uma nova palavra-passe' },
      'O link expira dentro de {{expiresInMinutes}} minutos e só pode ser utilizado uma vez.',
      'Se não fez este pedido, pode ignorar esta mensagem: a sua palavra-passe continua a mesma.',
    ],
  },
};
