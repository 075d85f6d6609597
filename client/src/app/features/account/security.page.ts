import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { TotpSetupResponse, WebAuthnJson } from '@cairn/contracts';
import {
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
} from '@simplewebauthn/browser';
import { AuthService } from '../../core/auth/auth.service';
import { RecoveryCodesComponent } from '../../shared/mfa/recovery-codes.component';
import { TotpSetupComponent } from '../../shared/mfa/totp-setup.component';
import { PendingAction } from '../../shared/pending-action';
import { DigestPreferenceComponent } from './digest-preference.component';
import { SecurityApiService } from './security-api.service';

/**
 * The person's own sign-in protection: an authenticator app as a second step (with recovery
 * codes), passkeys, and the devices signed in to the account, any of which can be signed out.
 */
@Component({
  selector: 'cairn-account-security',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TotpSetupComponent,
    RecoveryCodesComponent,
    DigestPreferenceComponent,
  ],
  templateUrl: './security.page.html',
  // The name field and its button share a row while both fit, and the field keeps room for its
  // whole label; on a phone the button wraps under it instead of squeezing the label.
  styles: `
    .add-passkey {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0 12px;
    }
    .add-passkey mat-form-field {
      flex: 1 1 18rem;
      max-width: 28rem;
    }
  `,
})
export class SecurityPage {
  private readonly api = inject(SecurityApiService);
  /** Only therapists get the daily digest, so only they see its switch. */
  private readonly auth = inject(AuthService);
  protected readonly isTherapist = computed(() => this.auth.role() === 'therapist');
  protected readonly status = rxResource({ stream: () => this.api.mfaStatus() });
  protected readonly passkeys = rxResource({ stream: () => this.api.passkeys() });
  protected readonly passkeyName = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(60)],
  });
  /** The passkey whose removal is waiting for the password. */
  private removing: string | null = null;
  protected readonly sessions = rxResource({ stream: () => this.api.sessions() });
  protected readonly setup = signal<TotpSetupResponse | null>(null);
  protected readonly recoveryCodes = signal<string[] | null>(null);
  /** Which password-protected change is being asked for. */
  protected readonly confirming = signal<'disable' | 'renew' | 'remove-passkey' | null>(null);
  protected readonly password = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required],
  });
  protected readonly passwordForm = new FormGroup({ password: this.password });
  protected readonly mfaAction = new PendingAction();
  protected readonly sessionAction = new PendingAction();

  protected async start(): Promise<void> {
    await this.mfaAction.run(async () => {
      this.recoveryCodes.set(null);
      this.setup.set(await this.api.startTotp());
    });
  }

  protected async confirm(code: string): Promise<void> {
    await this.mfaAction.run(async () => {
      const { recoveryCodes } = await this.api.confirmTotp(code);
      this.setup.set(null);
      this.recoveryCodes.set(recoveryCodes);
      this.status.reload();
    });
  }

  /** The browser asks an authenticator (this device, a phone, a security key) to make a key. */
  protected async addPasskey(): Promise<void> {
    if (this.passkeyName.invalid) {
      this.passkeyName.markAsTouched();
      return;
    }
    await this.mfaAction.run(async () => {
      const options = await this.api.passkeyOptions();
      const credential = await startRegistration({
        optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON,
      });
      await this.api.registerPasskey(
        this.passkeyName.value.trim(),
        credential as unknown as WebAuthnJson,
      );
      this.passkeyName.reset();
      this.passkeys.reload();
      this.status.reload();
    });
  }

  protected askRemovePasskey(id: string): void {
    this.removing = id;
    this.ask('remove-passkey');
  }

  protected ask(change: 'disable' | 'renew' | 'remove-passkey'): void {
    this.password.reset();
    this.mfaAction.error.set(null);
    this.confirming.set(change);
  }

  protected async submitPassword(): Promise<void> {
    const change = this.confirming();
    if (!change || this.password.invalid) {
      this.password.markAsTouched();
      return;
    }
    await this.mfaAction.run(async () => {
      if (change === 'remove-passkey') {
        if (this.removing) await this.api.removePasskey(this.removing, this.password.value);
        this.removing = null;
        this.passkeys.reload();
      } else if (change === 'disable') {
        await this.api.disableTotp(this.password.value);
        this.recoveryCodes.set(null);
      } else {
        this.recoveryCodes.set(
          (await this.api.renewRecoveryCodes(this.password.value)).recoveryCodes,
        );
      }
      this.confirming.set(null);
      this.status.reload();
    });
  }

  protected async signOut(id: string): Promise<void> {
    await this.sessionAction.run(async () => {
      await this.api.signOutSession(id);
      this.sessions.reload();
    });
  }

  protected async signOutOthers(): Promise<void> {
    await this.sessionAction.run(async () => {
      await this.api.signOutOthers();
      this.sessions.reload();
    });
  }
}
