import type { Role } from './roles';

export interface LoginRequest {
  email: string;
  password: string;
}

/** The signed-in person as the client needs to know them; never carries clinical content. */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  clinicId: string;
  clinicName: string;
  clinicTimeZone: string;
  /** Minutes without input before the browser signs out (the clinic's setting). */
  idleTimeoutMinutes: number;
}

export interface AccessTokenResponse {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: SessionUser;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** Passwords follow OWASP ASVS 2.1: at least 12 characters, at most 128. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** Header the client sends on cookie-authenticated calls; a cross-site form cannot set it. */
export const CSRF_HEADER = 'x-cairn-csrf';
export const CSRF_HEADER_VALUE = '1';

/** `POST /api/auth/password-reset`: always 202 with this body, whether or not the address is known. */
export interface PasswordResetRequest {
  email: string;
}
export interface PasswordResetAccepted {
  message: string;
}
export const PASSWORD_RESET_ACCEPTED: PasswordResetAccepted = {
  message:
    'If an account uses this address, a link to choose a new password is on its way. It works for 30 minutes.',
};

/** `POST /api/auth/password-reset/confirm`: the secret from the `/reset#token=` link. */
export interface PasswordResetConfirmRequest {
  token: string;
  password: string;
}

/** `POST /api/auth/email-change`: the password again, and the address to move to. */
export interface EmailChangeRequest {
  password: string;
  newEmail: string;
}
export const EMAIL_CHANGE_ACCEPTED = {
  message:
    'A confirmation link is on its way to the new address. Your email changes when it is opened (within 60 minutes).',
} as const;

/** `POST /api/auth/email-change/confirm`: the secret from the `/email-change#token=` link. */
export interface EmailChangeConfirmRequest {
  token: string;
}
