import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@cairn/contracts';
import { sameAs } from './same-as.validator';

/**
 * Choosing a new password, typed twice: the one form behind an invitation's welcome page and a
 * reset link. It checks what the browser can (length, the two the same) and hands the password
 * to the page, which talks to the server and shows its answer in `error`.
 */
@Component({
  selector: 'cairn-new-password-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <!-- Dynamic: on a phone the hint takes two lines and would run into the next field. -->
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="with-hint">
        <mat-label>New password</mat-label>
        <input
          matInput
          type="password"
          formControlName="password"
          autocomplete="new-password"
          required
        />
        <mat-hint
          >At least {{ minLength }} characters. A few unrelated words make a strong one.</mat-hint
        >
        @if (form.controls.password.hasError('minlength')) {
          <mat-error>Use at least {{ minLength }} characters.</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>The same password again</mat-label>
        <input
          matInput
          type="password"
          formControlName="confirm"
          autocomplete="new-password"
          required
        />
        @if (form.controls.confirm.hasError('mismatch')) {
          <mat-error>The two passwords differ.</mat-error>
        }
      </mat-form-field>
      <div class="error" role="alert">
        @if (error(); as message) {
          {{ message }}
        }
      </div>
      <button mat-flat-button type="submit" [disabled]="busy()">{{ submitLabel() }}</button>
    </form>
  `,
  styleUrl: '../features/sign-in/sign-in.page.scss',
})
export class NewPasswordFormComponent {
  readonly submitLabel = input.required<string>();
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly chosen = output<string>();

  protected readonly minLength = PASSWORD_MIN_LENGTH;
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

  protected submit(): void {
    this.form.controls.confirm.updateValueAndValidity();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.chosen.emit(this.form.getRawValue().password);
  }
}
