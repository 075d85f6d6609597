import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { TotpSetupResponse } from '@cairn/contracts';

/**
 * Setting up an authenticator app: the QR code to scan, the secret in text for an app that
 * cannot scan, and the first code to confirm it. The parent sends the code to the API.
 */
@Component({
  selector: 'cairn-totp-setup',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  template: `
    <ol class="steps">
      <li>
        Open an authenticator app on your phone (for example Google Authenticator, Microsoft
        Authenticator or 1Password) and add an account.
      </li>
      <li>
        Scan this code:
        <img
          class="qr"
          [src]="setup().qrCodeDataUrl"
          width="200"
          height="200"
          alt="QR code for the authenticator app"
        />
        Or type this key: <code class="secret" data-testid="totp-secret">{{ grouped() }}</code>
      </li>
      <li>Enter the six-digit code the app shows.</li>
    </ol>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-form-field appearance="outline">
        <mat-label>Code from the app</mat-label>
        <input
          matInput
          formControlName="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          maxlength="7"
          required
        />
        @if (code.hasError('pattern')) {
          <mat-error>Enter the six digits the app shows.</mat-error>
        }
      </mat-form-field>
      <button mat-flat-button type="submit" [disabled]="busy()">
        {{ busy() ? 'Checking…' : 'Turn on' }}
      </button>
    </form>
  `,
  styles: `
    .qr {
      display: block;
      margin: 0.5rem 0;
      image-rendering: pixelated;
    }
    .secret {
      font-size: 1rem;
      letter-spacing: 0.05em;
      word-break: break-all;
    }
    .steps li {
      margin-bottom: 0.75rem;
    }
  `,
})
export class TotpSetupComponent {
  readonly setup = input.required<TotpSetupResponse>();
  readonly busy = input(false);
  readonly confirm = output<string>();
  protected readonly code = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/^\s*\d{3}\s?\d{3}\s*$/)],
  });
  protected readonly form = new FormGroup({ code: this.code });
  protected readonly grouped = computed(() =>
    this.setup()
      .secret.replace(/(.{4})/g, '$1 ')
      .trim(),
  );

  protected submit(): void {
    if (this.code.invalid) {
      this.code.markAsTouched();
      return;
    }
    this.confirm.emit(this.code.value.replace(/\s+/g, ''));
  }
}
