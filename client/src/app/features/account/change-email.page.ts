import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ApiRoutes, apiUrl, type EmailChangeRequest } from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { PendingAction } from '../../shared/pending-action';

/** Asks for a change of sign-in email; it happens when the link mailed to the new address is opened. */
@Component({
  selector: 'cairn-change-email',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  templateUrl: './change-email.page.html',
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
export class ChangeEmailPage {
  private readonly http = inject(HttpClient);
  protected readonly action = new PendingAction();
  protected readonly sent = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    newEmail: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const body: EmailChangeRequest = this.form.getRawValue();
    await this.action.run(async () => {
      const answer = await firstValueFrom(
        this.http.post<{ message: string }>(apiUrl(ApiRoutes.auth.emailChange), body),
      );
      this.sent.set(answer.message);
      this.form.reset();
    }, 'The change could not be asked for. Please try again.');
  }
}
