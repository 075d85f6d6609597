import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import type { ErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import type {
  ApiErrorBody,
  MfaChallengeResponse,
  SessionUser,
  TotpSetupResponse,
} from '@cairn/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { RecoveryCodesComponent } from '../../shared/mfa/recovery-codes.component';
import { TotpSetupComponent } from '../../shared/mfa/totp-setup.component';
import { ROLE_HOME } from '../../core/auth/role-home';

const REASONS: Record<string, string> = {
  idle: 'You were signed out after a while without activity.',
  expired: 'Your session has ended. Please sign in again.',
  'password-changed': 'Your password was changed. Sign in with the new one.',
  'password-reset':
    'Your new password is set, and every other device was signed out. Sign in with it.',
};

@Component({
  selector: 'cairn-sign-in',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    TotpSetupComponent,
    RecoveryCodesComponent,
    RouterLink,
  ],
  templateUrl: './sign-in.page.html',
  styleUrl: './sign-in.page.scss',
})
export class SignInPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** Query parameters, bound by the router. */
  readonly returnUrl = input<string>();
  readonly reason = input<string>();

  protected readonly notice = computed(() => REASONS[this.reason() ?? ''] ?? null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });

  /**
   * A field shows its error once the person has been in it (or pressed Sign in with it empty),
   * not because the form was submitted: after a refused sign-in the password is cleared, and one
   * message ("Email or password is incorrect") is enough, not a second one under the field.
   */
  protected readonly touchedOnly: ErrorStateMatcher = {
    isErrorState: (control) => !!control && control.invalid && control.touched,
  };
  /** The second step, once the password was accepted (or an invitation handed one over). */
  protected readonly challenge = signal<MfaChallengeResponse | null>(
    (history.state as { mfaChallenge?: MfaChallengeResponse } | null)?.mfaChallenge ?? null,
  );
  protected readonly useRecoveryCode = signal(false);
  protected readonly setup = signal<TotpSetupResponse | null>(null);
  /** Shown once after enrolment, before going on. */
  protected readonly recoveryCodes = signal<string[] | null>(null);
  private enrolledUser: SessionUser | null = null;
  protected readonly codeForm = inject(NonNullableFormBuilder).group({
    code: ['', Validators.required],
  });

  constructor() {
    const challenge = this.challenge();
    if (challenge?.mfa === 'enrol') void this.loadSetup(challenge);
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const result = await this.auth.signIn(this.form.getRawValue());
      if (result.kind === 'mfa') {
        this.challenge.set(result.challenge);
        if (result.challenge.mfa === 'enrol') await this.loadSetup(result.challenge);
        return;
      }
      await this.goOn(result.user);
    } catch (error) {
      this.error.set(messageOf(error));
      this.form.controls.password.reset();
    } finally {
      this.busy.set(false);
    }
  }

  protected async verify(): Promise<void> {
    const challenge = this.challenge();
    const value = this.codeForm.getRawValue().code.trim();
    if (!challenge || !value) {
      this.codeForm.markAllAsTouched();
      return;
    }
    await this.step(async () => {
      const user = await this.auth.verifyMfa(
        challenge.challengeToken,
        this.useRecoveryCode() ? { recoveryCode: value } : { code: value.replace(/\s+/g, '') },
      );
      await this.goOn(user);
    });
  }

  protected async verifyWithPasskey(): Promise<void> {
    const challenge = this.challenge();
    if (!challenge) return;
    await this.step(async () => {
      await this.goOn(await this.auth.verifyWithPasskey(challenge.challengeToken));
    });
  }

  protected async confirmEnrolment(code: string): Promise<void> {
    const challenge = this.challenge();
    if (!challenge) return;
    await this.step(async () => {
      const enrolled = await this.auth.confirmMfaEnrolment(challenge.challengeToken, code);
      this.enrolledUser = enrolled.user;
      this.recoveryCodes.set(enrolled.recoveryCodes);
    });
  }

  protected async continueAfterCodes(): Promise<void> {
    if (this.enrolledUser) await this.goOn(this.enrolledUser);
  }

  protected toggleRecovery(): void {
    this.useRecoveryCode.update((value) => !value);
    this.codeForm.reset();
    this.error.set(null);
  }

  /** Back to the password: a spent or expired challenge cannot be used again. */
  protected startOver(): void {
    this.challenge.set(null);
    this.setup.set(null);
    this.codeForm.reset();
    this.form.controls.password.reset();
  }

  private async loadSetup(challenge: MfaChallengeResponse): Promise<void> {
    await this.step(async () =>
      this.setup.set(await this.auth.startMfaEnrolment(challenge.challengeToken)),
    );
  }

  private async step(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
    } catch (error) {
      this.error.set(messageOf(error));
      this.codeForm.reset();
    } finally {
      this.busy.set(false);
    }
  }

  private async goOn(user: SessionUser): Promise<void> {
    const target = this.safeReturnUrl() ?? ROLE_HOME[user.role];
    await this.router.navigateByUrl(target, { replaceUrl: true });
  }

  /** Only an in-app path: a crafted link must not send someone off-site after sign-in. */
  private safeReturnUrl(): string | null {
    const url = this.returnUrl();
    return url && url.startsWith('/') && !url.startsWith('//') ? url : null;
  }
}

function messageOf(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    const body = error.error as Partial<ApiErrorBody> | null;
    if (error.status === 0) return 'Cairn cannot be reached. Check your connection and try again.';
    if (body?.message && error.status < 500) return body.message;
  }
  return 'Signing in failed. Please try again.';
}
