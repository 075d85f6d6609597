import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  ApiRoutes,
  apiUrl,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type ChangePasswordRequest,
} from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { PendingAction } from '../../shared/pending-action';
import { sameAs } from '../../shared/same-as.validator';

@Component({
  selector: 'cairn-change-password',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  templateUrl: './change-password.page.html',
  styles: `
    h1 {
      font: var(--mat-sys-headline-small);
    }
    form {
      display: flex;
      flex-direction: column;
      max-width: 420px;
      gap: 4px;
    }
    .error {
      color: var(--mat-sys-error);
      min-height: 20px;
    }
  `,
})
export class ChangePasswordPage {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly action = new PendingAction();
  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', Validators.required],
    newPassword: [
      '',
      [
        Validators.required,
        Validators.minLength(PASSWORD_MIN_LENGTH),
        Validators.maxLength(PASSWORD_MAX_LENGTH),
      ],
    ],
    confirmPassword: ['', [Validators.required, sameAs('newPassword')]],
  });

  protected async submit(): Promise<void> {
    this.form.controls.confirmPassword.updateValueAndValidity();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    const body: ChangePasswordRequest = { currentPassword, newPassword };
    await this.action.run(async () => {
      await firstValueFrom(this.http.post<void>(apiUrl(ApiRoutes.auth.password), body));
      // The server ended every session of the account, this one included.
      await this.auth.signOut('password-changed');
    }, 'The password could not be changed. Please try again.');
  }
}
