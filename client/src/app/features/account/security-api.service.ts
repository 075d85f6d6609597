import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApiRoutes,
  apiUrl,
  type AccountSession,
  type MfaPolicy,
  type MyMfaStatus,
  type PasskeySummary,
  type RecoveryCodesResponse,
  type StaffSecurityView,
  type TotpSetupResponse,
  type WebAuthnJson,
} from '@cairn/contracts';
import { firstValueFrom, type Observable } from 'rxjs';

/** The account's own sign-in protection and sessions, and the admin's staff security. */
@Injectable({ providedIn: 'root' })
export class SecurityApiService {
  private readonly http = inject(HttpClient);

  mfaStatus(): Observable<MyMfaStatus> {
    return this.http.get<MyMfaStatus>(apiUrl(ApiRoutes.account.mfa));
  }

  startTotp(): Promise<TotpSetupResponse> {
    return firstValueFrom(this.http.post<TotpSetupResponse>(apiUrl(ApiRoutes.account.totp), {}));
  }

  confirmTotp(code: string): Promise<RecoveryCodesResponse> {
    return firstValueFrom(
      this.http.post<RecoveryCodesResponse>(apiUrl(ApiRoutes.account.totpConfirm), { code }),
    );
  }

  disableTotp(password: string): Promise<void> {
    return firstValueFrom(
      this.http.delete<void>(apiUrl(ApiRoutes.account.totp), { body: { password } }),
    );
  }

  renewRecoveryCodes(password: string): Promise<RecoveryCodesResponse> {
    return firstValueFrom(
      this.http.post<RecoveryCodesResponse>(apiUrl(ApiRoutes.account.recoveryCodes), {
        password,
      }),
    );
  }

  passkeys(): Observable<PasskeySummary[]> {
    return this.http.get<PasskeySummary[]>(apiUrl(ApiRoutes.account.passkeys));
  }

  passkeyOptions(): Promise<WebAuthnJson> {
    return firstValueFrom(
      this.http.post<WebAuthnJson>(apiUrl(ApiRoutes.account.passkeyOptions), {}),
    );
  }

  registerPasskey(name: string, credential: WebAuthnJson): Promise<PasskeySummary> {
    return firstValueFrom(
      this.http.post<PasskeySummary>(apiUrl(ApiRoutes.account.passkeys), { name, credential }),
    );
  }

  removePasskey(id: string, password: string): Promise<void> {
    return firstValueFrom(
      this.http.delete<void>(apiUrl(ApiRoutes.account.passkey, { id }), { body: { password } }),
    );
  }

  sessions(): Observable<AccountSession[]> {
    return this.http.get<AccountSession[]>(apiUrl(ApiRoutes.account.sessions));
  }

  signOutSession(id: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(apiUrl(ApiRoutes.account.session, { id })));
  }

  signOutOthers(): Promise<{ ended: number }> {
    return firstValueFrom(
      this.http.post<{ ended: number }>(apiUrl(ApiRoutes.account.otherSessions), {}),
    );
  }

  staffSecurity(): Observable<StaffSecurityView> {
    return this.http.get<StaffSecurityView>(apiUrl(ApiRoutes.staffSecurity.list));
  }

  setMfaPolicy(policy: MfaPolicy): Promise<MfaPolicy> {
    return firstValueFrom(this.http.put<MfaPolicy>(apiUrl(ApiRoutes.mfaPolicy), policy));
  }

  resetMfa(userId: string, password: string): Promise<void> {
    return firstValueFrom(
      this.http.post<void>(apiUrl(ApiRoutes.staffSecurity.resetMfa, { id: userId }), { password }),
    );
  }
}
