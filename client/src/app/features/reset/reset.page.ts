import { ChangeDetectionStrategy, Component, inject, signal, type OnInit } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '../../core/auth/auth.service';
import { PendingAction } from '../../shared/pending-action';
import { NewPasswordFormComponent } from '../../shared/new-password-form.component';

/**
 * `/reset`: asks for a reset link by email; `/reset#token=...` (the link in that mail) chooses
 * the new password. The secret is in the fragment, which never reaches a server; it is read
 * once and wiped from the address bar.
 */
@Component({
  selector: 'cairn-reset',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    RouterLink,
    NewPasswordFormComponent,
  ],
  templateUrl: './reset.page.html',
  styleUrl: '../sign-in/sign-in.page.scss',
})
export class ResetPage implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly forms = inject(NonNullableFormBuilder);
  protected readonly token = signal('');
  /** The server's answer to a request: the same words whether or not the address is known. */
  protected readonly sent = signal<string | null>(null);
  protected readonly action = new PendingAction();
  protected readonly requestForm = this.forms.group({
    email: ['', [Validators.required, Validators.email]],
  });

  ngOnInit(): void {
    const match = /token=([A-Za-z0-9_-]+)/.exec(location.hash);
    this.token.set(match?.[1] ?? '');
    if (match) history.replaceState(null, '', location.pathname);
  }

  protected async request(): Promise<void> {
    if (this.requestForm.invalid) {
      this.requestForm.markAllAsTouched();
      return;
    }
    await this.action.run(async () => {
      this.sent.set(await this.auth.requestPasswordReset(this.requestForm.getRawValue().email));
    }, 'The request could not be sent. Please try again.');
  }

  protected async choose(password: string): Promise<void> {
    await this.action.run(async () => {
      await this.auth.confirmPasswordReset(this.token(), password);
      await this.router.navigate(['/sign-in'], {
        queryParams: { reason: 'password-reset' },
        replaceUrl: true,
      });
    }, 'The password could not be set. Please try again.');
  }
}
