import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import type { StaffSecurityMember } from '@cairn/contracts';
import { PendingAction } from '../../../shared/pending-action';
import { SecurityApiService } from '../../account/security-api.service';

/**
 * Staff security for the admin: who has a second sign-in step, whether the clinic requires it,
 * and resetting another staff member's (a lost phone), which asks for the admin's own password.
 */
@Component({
  selector: 'cairn-staff-security',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatTableModule,
    MatSlideToggleModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
  ],
  templateUrl: './staff-security.page.html',
})
export class StaffSecurityPage {
  private readonly api = inject(SecurityApiService);
  protected readonly view = rxResource({ stream: () => this.api.staffSecurity() });
  protected readonly columns = ['name', 'role', 'mfa', 'actions'];
  protected roleLabel(role: StaffSecurityMember['role']): string {
    return role === 'admin' ? 'Admin' : role === 'therapist' ? 'Therapist' : 'Client';
  }
  /** Which second steps the person has, in words: "Authenticator app and 2 passkeys", or "Off". */
  protected secondStep(member: StaffSecurityMember): string {
    const steps = [
      ...(member.authenticatorApp ? ['Authenticator app'] : []),
      ...(member.passkeys
        ? [member.passkeys === 1 ? '1 passkey' : `${member.passkeys} passkeys`]
        : []),
    ];
    return steps.length ? steps.join(' and ') : 'Off';
  }
  protected readonly resetting = signal<StaffSecurityMember | null>(null);
  protected readonly password = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required],
  });
  protected readonly passwordForm = new FormGroup({ password: this.password });
  protected readonly action = new PendingAction();
  protected readonly done = signal<string | null>(null);

  protected async setRequired(requiredForStaff: boolean): Promise<void> {
    await this.action.run(async () => {
      await this.api.setMfaPolicy({ requiredForStaff });
      this.view.reload();
    });
  }

  protected ask(member: StaffSecurityMember): void {
    this.password.reset();
    this.done.set(null);
    this.action.error.set(null);
    this.resetting.set(member);
  }

  protected async reset(): Promise<void> {
    const member = this.resetting();
    if (!member || this.password.invalid) {
      this.password.markAsTouched();
      return;
    }
    await this.action.run(async () => {
      await this.api.resetMfa(member.id, this.password.value);
      this.resetting.set(null);
      this.done.set(
        `${member.displayName}'s second step was removed. They sign in with their password next.`,
      );
      this.view.reload();
    });
  }
}
