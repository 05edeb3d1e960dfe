import type { MailTemplate } from './mail-template.ts';
import { accountLocked, type AccountLockedVars } from './account-locked.ts';
import { invitation, type InvitationVars } from './invitation.ts';
import { newSignIn, type NewSignInVars } from './new-sign-in.ts';
import { passwordChanged, type PasswordChangedVars } from './password-changed.ts';
import { passwordReset, type PasswordResetVars } from './password-reset.ts';

/** The variables each authentication e-mail needs. */
export interface AuthMailVars {
  passwordReset: PasswordResetVars;
  invitation: InvitationVars;
  accountLocked: AccountLockedVars;
  newSignIn: NewSignInVars;
  passwordChanged: PasswordChangedVars;
}

export type AuthMailKind = keyof AuthMailVars;

/** The registry: adding an e-mail means one template file and one line here. */
export const AUTH_MAIL_TEMPLATES: Record<AuthMailKind, MailTemplate> = {
  passwordReset,
  invitation,
  accountLocked,
  newSignIn,
  passwordChanged,
};
