import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import type { PortalInvite, StaffMember, StaffRole } from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { PendingAction } from '../../shared/pending-action';
import { InviteLinkComponent } from '../clients/invite-link.component';
import { StaffApiService } from './staff-api.service';

/** The clinic's therapists and admins: add them with an invitation, deactivate them when they leave. */
@Component({
  selector: 'cairn-staff',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatTableModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    InviteLinkComponent,
  ],
  templateUrl: './staff.page.html',
  styleUrl: './staff.page.scss',
})
export class StaffPage {
  private readonly api = inject(StaffApiService);
  protected readonly me = inject(AuthService).user;
  protected readonly staff = rxResource({ stream: () => this.api.list() });
  protected readonly columns = ['name', 'role', 'caseload', 'state', 'actions'];
  protected readonly adding = signal(false);
  protected readonly action = new PendingAction();
  protected readonly invite = signal<PortalInvite | null>(null);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    displayName: ['', [Validators.required, Validators.maxLength(200)]],
    email: ['', [Validators.required, Validators.email]],
    role: this.fb.control<StaffRole>('therapist'),
  });

  protected async add(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    await this.run(async () => {
      const created = await firstValueFrom(this.api.create(this.form.getRawValue()));
      this.invite.set(created.invite);
      this.form.reset({ displayName: '', email: '', role: 'therapist' });
      this.adding.set(false);
    });
  }

  protected setActive(member: StaffMember, isActive: boolean): Promise<void> {
    return this.run(async () => {
      await firstValueFrom(this.api.update(member.id, { isActive }));
    });
  }

  protected reinvite(member: StaffMember): Promise<void> {
    return this.run(async () => {
      this.invite.set((await firstValueFrom(this.api.reinvite(member.id))).invite);
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    await this.action.run(async () => {
      await work();
      this.staff.reload();
    });
  }
}
