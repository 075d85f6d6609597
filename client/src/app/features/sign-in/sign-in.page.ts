import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import type { ErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import type { ApiErrorBody } from '@cairn/contracts';
import { AuthService } from '../../core/auth/auth.service';
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

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const user = await this.auth.signIn(this.form.getRawValue());
      const target = this.safeReturnUrl() ?? ROLE_HOME[user.role];
      await this.router.navigateByUrl(target, { replaceUrl: true });
    } catch (error) {
      this.error.set(messageOf(error));
      this.form.controls.password.reset();
    } finally {
      this.busy.set(false);
    }
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
