import { HttpClient, HttpContext, HttpContextToken } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import {
  ApiRoutes,
  apiUrl,
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  type AcceptInviteRequest,
  type AccessTokenResponse,
  type ClinicSettings,
  type LoginRequest,
  type LoginResponse,
  type MfaChallengeResponse,
  type MfaEnrolledResponse,
  type MfaVerifyRequest,
  type PasswordResetAccepted,
  type PasswordResetConfirmRequest,
  type PasswordResetRequest,
  type SessionUser,
  type TotpSetupResponse,
  type WebAuthnJson,
  isMfaChallenge,
} from '@cairn/contracts';
import {
  startAuthentication,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { firstValueFrom } from 'rxjs';

/** Requests marked with this skip the bearer token and the refresh-on-401 retry. */
export const SKIP_AUTH = new HttpContextToken<boolean>(() => false);

/**
 * A hint (never a secret) that this browser holds a refresh cookie, kept in local storage. The
 * cookie itself is httpOnly and cannot be seen from script; without the hint a first visit would
 * send a refresh that can only fail, and log a 401 in the console of every signed-out page load.
 */
export const SESSION_HINT_KEY = 'cairn.session';

export type SignOutReason = 'user' | 'idle' | 'expired' | 'password-changed';

/** A correct password signs in, or asks for the second step (a code, or setting one up). */
export type SignInResult =
  { kind: 'signed_in'; user: SessionUser } | { kind: 'mfa'; challenge: MfaChallengeResponse };

interface Session {
  user: SessionUser;
  accessToken: string;
}

/**
 * The signed-in session. The access token lives only in this service's memory (never in
 * localStorage); a page reload restores the session from the httpOnly refresh cookie.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly session = signal<Session | null>(null);
  private refreshing: Promise<boolean> | null = null;

  readonly user = computed(() => this.session()?.user ?? null);
  readonly role = computed(() => this.session()?.user.role ?? null);
  readonly signedIn = computed(() => this.session() !== null);

  accessToken(): string | null {
    return this.session()?.accessToken ?? null;
  }

  async signIn(credentials: LoginRequest): Promise<SignInResult> {
    const response = await firstValueFrom(
      this.http.post<LoginResponse>(apiUrl(ApiRoutes.auth.login), credentials, this.bare()),
    );
    return this.start(response);
  }

  /** The second step: a code from the authenticator app, or a recovery code. */
  async verifyMfa(
    challengeToken: string,
    proof: Pick<MfaVerifyRequest, 'code' | 'recoveryCode'>,
  ): Promise<SessionUser> {
    const request: MfaVerifyRequest = { challengeToken, ...proof };
    const response = await firstValueFrom(
      this.http.post<AccessTokenResponse>(apiUrl(ApiRoutes.auth.mfaVerify), request, this.bare()),
    );
    this.setSession({ user: response.user, accessToken: response.accessToken });
    return response.user;
  }

  /** The second step answered by a passkey: the browser asks the authenticator to sign. */
  async verifyWithPasskey(challengeToken: string): Promise<SessionUser> {
    const options = await firstValueFrom(
      this.http.post<WebAuthnJson>(
        apiUrl(ApiRoutes.auth.mfaPasskeyOptions),
        { challengeToken },
        this.bare(),
      ),
    );
    const credential = await startAuthentication({
      optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON,
    });
    const response = await firstValueFrom(
      this.http.post<AccessTokenResponse>(
        apiUrl(ApiRoutes.auth.mfaPasskey),
        { challengeToken, credential },
        this.bare(),
      ),
    );
    this.setSession({ user: response.user, accessToken: response.accessToken });
    return response.user;
  }

  /** Setting up an authenticator during sign-in, where the clinic requires it. */
  startMfaEnrolment(challengeToken: string): Promise<TotpSetupResponse> {
    return firstValueFrom(
      this.http.post<TotpSetupResponse>(
        apiUrl(ApiRoutes.auth.mfaEnrol),
        { challengeToken },
        this.bare(),
      ),
    );
  }

  async confirmMfaEnrolment(
    challengeToken: string,
    code: string,
  ): Promise<{ user: SessionUser; recoveryCodes: string[] }> {
    const response = await firstValueFrom(
      this.http.post<MfaEnrolledResponse>(
        apiUrl(ApiRoutes.auth.mfaEnrolConfirm),
        { challengeToken, code },
        this.bare(),
      ),
    );
    this.setSession({ user: response.user, accessToken: response.accessToken });
    return { user: response.user, recoveryCodes: response.recoveryCodes };
  }

  /** Sets the password from an invitation link; the API signs the person in at the same time. */
  async acceptInvite(token: string, password: string): Promise<SignInResult> {
    const request: AcceptInviteRequest = { token, password };
    const response = await firstValueFrom(
      this.http.post<LoginResponse>(apiUrl(ApiRoutes.auth.acceptInvite), request, this.bare()),
    );
    return this.start(response);
  }

  private start(response: LoginResponse): SignInResult {
    if (isMfaChallenge(response)) return { kind: 'mfa', challenge: response };
    this.setSession({ user: response.user, accessToken: response.accessToken });
    return { kind: 'signed_in', user: response.user };
  }

  /** Asks for a reset link; the answer is the same whether or not the address has an account. */
  async requestPasswordReset(email: string): Promise<string> {
    const request: PasswordResetRequest = { email };
    const response = await firstValueFrom(
      this.http.post<PasswordResetAccepted>(
        apiUrl(ApiRoutes.auth.passwordReset),
        request,
        this.bare(),
      ),
    );
    return response.message;
  }

  /** Sets the password from a reset link; the person signs in with it afterwards. */
  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const request: PasswordResetConfirmRequest = { token, password };
    await firstValueFrom(
      this.http.post<void>(apiUrl(ApiRoutes.auth.passwordResetConfirm), request, this.bare()),
    );
  }

  /**
   * Tries the refresh cookie once at start-up, when this browser has signed in before; staying
   * signed out is a normal outcome.
   */
  async restore(): Promise<void> {
    if (!this.hinted()) return;
    await this.refresh();
  }

  /**
   * Exchanges the refresh cookie for a new access token. Concurrent callers share one request,
   * and tabs take turns through a Web Lock: the server treats a refresh token presented twice
   * as stolen, so two tabs must never send the same one.
   */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.withCrossTabLock(() => this.requestRefresh()).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** After the admin saves the clinic settings: the session shows the clinic as it now is. */
  clinicChanged(clinic: Pick<ClinicSettings, 'name' | 'timeZone' | 'idleTimeoutMinutes'>): void {
    const current = this.session();
    if (!current) return;
    this.session.set({
      ...current,
      user: {
        ...current.user,
        clinicName: clinic.name,
        clinicTimeZone: clinic.timeZone,
        idleTimeoutMinutes: clinic.idleTimeoutMinutes,
      },
    });
  }

  async signOut(reason: SignOutReason = 'user'): Promise<void> {
    const wasSignedIn = this.session() !== null;
    this.setSession(null);
    if (wasSignedIn && reason !== 'password-changed') {
      await firstValueFrom(
        this.http.post<void>(
          apiUrl(ApiRoutes.auth.logout),
          {},
          { ...this.bare(), headers: { [CSRF_HEADER]: CSRF_HEADER_VALUE } },
        ),
      ).catch(() => undefined);
    }
    await this.router.navigate(['/sign-in'], {
      queryParams: reason === 'user' ? {} : { reason },
      replaceUrl: true,
    });
  }

  /**
   * Drops the session at once, for the portal's quick exit: the page is about to be replaced, so
   * the server sign-out goes as a keep-alive request that outlives it, without waiting.
   */
  abandon(): void {
    this.setSession(null);
    void fetch(apiUrl(ApiRoutes.auth.logout), {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: true,
      headers: { [CSRF_HEADER]: CSRF_HEADER_VALUE },
    }).catch(() => undefined);
  }

  private async requestRefresh(): Promise<boolean> {
    try {
      const response = await firstValueFrom(
        this.http.post<AccessTokenResponse>(
          apiUrl(ApiRoutes.auth.refresh),
          {},
          { ...this.bare(), headers: { [CSRF_HEADER]: CSRF_HEADER_VALUE } },
        ),
      );
      this.setSession({ user: response.user, accessToken: response.accessToken });
      return true;
    } catch {
      this.setSession(null);
      return false;
    }
  }

  private async withCrossTabLock<T>(work: () => Promise<T>): Promise<T> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    return locks ? await locks.request('cairn-refresh', work) : await work();
  }

  /** Every change of session keeps the hint in step: set while signed in, gone once out. */
  private setSession(session: Session | null): void {
    this.session.set(session);
    this.setHint(session !== null);
  }

  private hinted(): boolean {
    try {
      return localStorage.getItem(SESSION_HINT_KEY) === '1';
    } catch {
      // Storage blocked: fall back to asking the server.
      return true;
    }
  }

  private setHint(signedIn: boolean): void {
    try {
      if (signedIn) localStorage.setItem(SESSION_HINT_KEY, '1');
      else localStorage.removeItem(SESSION_HINT_KEY);
    } catch {
      // Storage blocked: the start-up refresh is simply always tried.
    }
  }

  private bare() {
    return { context: new HttpContext().set(SKIP_AUTH, true) };
  }
}
