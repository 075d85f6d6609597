import { composeMail, type ComposedMail } from './mail-content';

/**
 * The words of every account email. Plain and discreet: a partner may read the phone it arrives
 * on, so nothing says what kind of practice sent it (the sender's name is the clinic's own
 * choice), no subject carries a name, and nothing clinical is ever in a message.
 */

const UNEXPECTED = 'If you did not expect this message, you can ignore it; nothing will change.';

export function invitationMail(options: {
  displayName: string;
  url: string;
  staff: boolean;
  validHours: number;
}): ComposedMail {
  return composeMail({
    subject: options.staff ? 'Your new account' : 'Set up your account',
    greeting: `Hello ${options.displayName},`,
    paragraphs: [
      options.staff
        ? 'An account has been opened for you. Choose a password to start using it.'
        : 'You have been invited to set up your account. Choose a password to start using it.',
      `The link works once and stops working in ${duration(options.validHours * 60)}.`,
    ],
    action: { label: 'Choose a password', url: options.url },
    footnotes: [UNEXPECTED],
  });
}

export function passwordResetMail(options: {
  displayName: string;
  url: string;
  validMinutes: number;
}): ComposedMail {
  return composeMail({
    subject: 'Reset your password',
    greeting: `Hello ${options.displayName},`,
    paragraphs: [
      'Someone asked to reset the password of your account. If it was you, choose a new one with the link below.',
      `The link works once and stops working in ${duration(options.validMinutes)}, or as soon as another reset is asked for.`,
    ],
    action: { label: 'Choose a new password', url: options.url },
    footnotes: ['If you did not ask for this, ignore this message: your password stays as it is.'],
  });
}

export function passwordChangedMail(options: {
  displayName: string;
  signInUrl: string;
}): ComposedMail {
  return composeMail({
    subject: 'Your password was changed',
    greeting: `Hello ${options.displayName},`,
    paragraphs: [
      'The password of your account was just changed, and every device that was signed in has been signed out.',
      'If you did this, there is nothing more to do. If you did not, reset your password at once from the sign-in page and tell the office.',
    ],
    action: { label: 'Sign in', url: options.signInUrl },
  });
}

export function emailChangeMail(options: {
  displayName: string;
  url: string;
  validMinutes: number;
}): ComposedMail {
  return composeMail({
    subject: 'Confirm your new email address',
    greeting: `Hello ${options.displayName},`,
    paragraphs: [
      'Confirm that this is the address your account should use from now on.',
      `The link works once and stops working in ${duration(options.validMinutes)}.`,
    ],
    action: { label: 'Confirm this address', url: options.url },
    footnotes: [UNEXPECTED],
  });
}

export function emailChangedMail(options: {
  displayName: string;
  newAddress: string;
}): ComposedMail {
  return composeMail({
    subject: 'Your sign-in email was changed',
    greeting: `Hello ${options.displayName},`,
    paragraphs: [
      `Your account now signs in with ${options.newAddress}; this address will get no more messages about it.`,
      'If you did not do this, tell the office at once.',
    ],
  });
}

/** Someone else (an admin, or the installation's operator) removed the account's second step. */
export function mfaResetMail(options: {
  displayName: string;
  signInUrl: string;
  enrolAtSignIn: boolean;
}): ComposedMail {
  return composeMail({
    subject: 'Your sign-in protection was reset',
    greeting: `Hello ${options.displayName},`,
    paragraphs: [
      'The second sign-in step of your account (the code from your authenticator app) was removed at your request or by the office. Your next sign-in asks for your password only.',
      options.enrolAtSignIn
        ? 'You will be asked to set up an authenticator app again when you next sign in.'
        : 'You can set up an authenticator app again from your account page.',
      'If you did not ask for this, tell the office at once.',
    ],
    action: { label: 'Sign in', url: options.signInUrl },
  });
}

function duration(minutes: number): string {
  if (minutes % (24 * 60) === 0) {
    const days = minutes / (24 * 60);
    return days === 1 ? '1 day' : `${days} days`;
  }
  if (minutes % 60 === 0) {
    const hours = minutes / 60;
    return hours === 1 ? '1 hour' : `${hours} hours`;
  }
  return `${minutes} minutes`;
}
