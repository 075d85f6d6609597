import { ChangeDetectionStrategy, Component, inject, signal, type OnInit } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { Router } from '@angular/router';
import { AuthService } from '../../core/auth/auth.service';
import { ROLE_HOME } from '../../core/auth/role-home';
import { PendingAction } from '../../shared/pending-action';
import { NewPasswordFormComponent } from '../../shared/new-password-form.component';

/**
 * Where an invitation link lands (`/welcome#invite=...`). The secret is in the fragment, which
 * never reaches a server; it is read once and wiped from the address bar.
 */
@Component({
  selector: 'cairn-welcome',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCardModule, NewPasswordFormComponent],
  templateUrl: './welcome.page.html',
  styleUrl: '../sign-in/sign-in.page.scss',
})
export class WelcomePage implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private token = '';
  protected readonly missing = signal(false);
  protected readonly action = new PendingAction();

  ngOnInit(): void {
    const match = /invite=([A-Za-z0-9_-]+)/.exec(location.hash);
    this.token = match?.[1] ?? '';
    this.missing.set(!this.token);
    history.replaceState(null, '', location.pathname);
  }

  protected async submit(password: string): Promise<void> {
    await this.action.run(async () => {
      const result = await this.auth.acceptInvite(this.token, password);
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
