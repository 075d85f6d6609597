import { ChangeDetectionStrategy, Component, inject, signal, type OnInit } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@cairn/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { ROLE_HOME } from '../../core/auth/role-home';
import { PendingAction } from '../../shared/pending-action';
import { sameAs } from '../../shared/same-as.validator';

/**
 * Where an invitation link lands (`/welcome#invite=...`). The secret is in the fragment, which
 * never reaches a server; it is read once and wiped from the address bar.
 */
@Component({
  selector: 'cairn-welcome',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
  ],
  templateUrl: './welcome.page.html',
  styleUrl: '../sign-in/sign-in.page.scss',
})
export class WelcomePage implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private token = '';
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly missing = signal(false);
  protected readonly action = new PendingAction();
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: [
      '',
      [
        Validators.required,
        Validators.minLength(PASSWORD_MIN_LENGTH),
        Validators.maxLength(PASSWORD_MAX_LENGTH),
      ],
    ],
    confirm: ['', [Validators.required, sameAs('password')]],
  });

  ngOnInit(): void {
    const match = /invite=([A-Za-z0-9_-]+)/.exec(location.hash);
    this.token = match?.[1] ?? '';
    this.missing.set(!this.token);
    history.replaceState(null, '', location.pathname);
  }

  protected async submit(): Promise<void> {
    this.form.controls.confirm.updateValueAndValidity();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    await this.action.run(async () => {
      const result = await this.auth.acceptInvite(this.token, this.form.getRawValue().password);
      if (result.kind === 'mfa') {
        // The clinic requires MFA: the sign-in page carries on with setting it up.
        await this.router.navigateByUrl('/sign-in', {
          replaceUrl: true,
          state: { mfaChallenge: result.challenge },
        });
        return;
      }
      await this.router.navigateByUrl(ROLE_HOME[result.user.role], { replaceUrl: true });
    }, 'The password could not be set. Please try again.');
  }
}
