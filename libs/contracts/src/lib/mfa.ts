import type { AccessTokenResponse } from './auth';
import type { Role } from './roles';

/** Authenticator-app codes: six digits, a new one every 30 seconds (RFC 6238 defaults). */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** How long the second sign-in step may wait after the password was accepted. */
export const MFA_CHALLENGE_MINUTES = 5;
export const RECOVERY_CODE_COUNT = 10;

/**
 * The answer to a correct password when a second step is due: `verify` (enter a code) or
 * `enrol` (the clinic requires MFA and this staff member has none yet). No session exists yet.
 */
export interface MfaChallengeResponse {
  mfa: 'verify' | 'enrol';
  challengeToken: string;
  /** Seconds the challenge stays valid. */
  expiresIn: number;
}

export type LoginResponse = AccessTokenResponse | MfaChallengeResponse;

export function isMfaChallenge(response: LoginResponse): response is MfaChallengeResponse {
  return 'mfa' in response;
}

/** The second step: a code from the app, or one of the recovery codes (exactly one of them). */
export interface MfaVerifyRequest {
  challengeToken: string;
  code?: string;
  recoveryCode?: string;
}

/** A new authenticator secret, waiting to be confirmed with a code. */
export interface TotpSetupResponse {
  /** Base32, for typing into an app that cannot scan. */
  secret: string;
  otpauthUri: string;
  /** A PNG of the QR code, as a data: URL. */
  qrCodeDataUrl: string;
}

export interface MfaEnrolStartRequest {
  challengeToken: string;
}

export interface MfaEnrolConfirmRequest {
  challengeToken: string;
  code: string;
}

export interface TotpConfirmRequest {
  code: string;
}

/** Shown once: only their hashes are kept. */
export interface RecoveryCodesResponse {
  recoveryCodes: string[];
}

/** Enrolment during sign-in ends signed in, with the recovery codes to keep. */
export interface MfaEnrolledResponse extends AccessTokenResponse, RecoveryCodesResponse {}

export interface MyMfaStatus {
  totpEnabled: boolean;
  recoveryCodesLeft: number;
  /** The clinic requires MFA of staff, and this person is staff (they cannot turn it off). */
  required: boolean;
}

/** Re-authentication for a change to one's own or another person's sign-in protection. */
export interface PasswordConfirmRequest {
  password: string;
}

export interface MfaPolicy {
  requiredForStaff: boolean;
}

export interface StaffSecurityMember {
  id: string;
  displayName: string;
  email: string;
  role: Role;
  isActive: boolean;
  /** An authenticator app or at least one passkey: the second step at sign-in. */
  mfaEnabled: boolean;
  authenticatorApp: boolean;
  passkeys: number;
}

export interface StaffSecurityView {
  requiredForStaff: boolean;
  staff: StaffSecurityMember[];
}

/** One signed-in session of the caller's account, as the account page lists it. */
export interface AccountSession {
  id: string;
  current: boolean;
  /** "Firefox on Windows", read from the user agent; "Unknown device" when it says nothing. */
  device: string;
  ip: string | null;
  signedInAt: string;
  lastUsedAt: string;
}

/**
 * Passkeys (WebAuthn). The options and responses are the JSON shapes of the WebAuthn API as
 * `@simplewebauthn/browser` produces and consumes them; the contracts keep them opaque.
 */
export type WebAuthnJson = Record<string, unknown>;

export interface PasskeyOptionsRequest {
  challengeToken: string;
}

/** The second step answered by a passkey: the assertion for the challenge's options. */
export interface MfaPasskeyRequest {
  challengeToken: string;
  credential: WebAuthnJson;
}

export interface PasskeyRegisterRequest {
  /** A name the person chooses, to tell their passkeys apart. */
  name: string;
  credential: WebAuthnJson;
}

export interface PasskeySummary {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}
