import type { MailTemplate } from './mail-template.ts';

export interface InvitationVars {
  inviterName: string;
  companyName: string;
  link: string;
  expiresAt: Date;
}

export const invitation: MailTemplate = {
  en: {
    subject: '{{inviterName}} invited you to join {{companyName}} on OpsFlux',
    blocks: [
      'Hello,',
      '{{inviterName}} invited you to join {{companyName}} on OpsFlux. To accept the invitation and create your account, open this link:',
      { button: 'Accept the invitation' },
      'The invitation is valid until {{date expiresAt}}.',
      'If you were not expecting this invitation, you can ignore this e-mail.',
    ],
  },
  fr: {
    subject: '{{inviterName}} vous invite à rejoindre {{companyName}} sur OpsFlux',
    blocks: [
      'Bonjour,',
      '{{inviterName}} vous invite à rejoindre {{companyName}} sur OpsFlux. Pour accepter l’invitation et créer votre compte, ouvrez ce lien :',
      { button: 'Accepter l’invitation' },
      'L’invitation est valable jusqu’au {{date expiresAt}}.',
      'Si vous n’attendiez pas cette invitation, vous pouvez ignorer ce message.',
    ],
  },
  es: {
    subject: '{{inviterName}} le invita a unirse a {{companyName}} en OpsFlux',
    blocks: [
      'Hola:',
      '{{inviterName}} le invita a unirse a {{companyName}} en OpsFlux. Para aceptar la invitación y crear su cuenta, abra este enlace:',
      { button: 'Aceptar la invitación' },
      'La invitación es válida hasta el {{date expiresAt}}.',
      'Si no esperaba esta invitación, puede ignorar este mensaje.',
    ],
  },
  pt: {
    subject: 'Convite de {{inviterName}} para se juntar a {{companyName}} no OpsFlux',
    blocks: [
      'Olá,',
      '{{inviterName}} enviou-lhe um convite para se juntar a {{companyName}} no OpsFlux. Para aceitar o convite e criar a sua conta, abra este link:',
      { button: 'Aceitar o convite' },
      'O convite é válido até {{date expiresAt}}.',
      'Se não estava à espera deste convite, pode ignorar esta mensagem.',
    ],
  },
};
