import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { ClientDetail } from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { PendingAction } from '../../shared/pending-action';
import { StaffApiService } from '../staff/staff-api.service';
import { ClientsApiService } from './clients-api.service';

/** The admin assigns (or reassigns) the primary therapist; every change is audited. */
@Component({
  selector: 'cairn-care-team-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatFormFieldModule, MatSelectModule, MatButtonModule],
  template: `
    <section class="card" aria-labelledby="care-team-heading">
      <header>
        <h2 id="care-team-heading">Primary therapist</h2>
      </header>
      @if (client().needsReassignment) {
        <p class="problem">
          @if (client().primaryTherapist; as therapist) {
            {{ therapist.displayName }}'s account is deactivated: this client needs a new therapist.
          } @else {
            No therapist is assigned yet.
          }
        </p>
      } @else {
        <p>{{ client().primaryTherapist?.displayName }}</p>
      }
      <div class="row">
        <mat-form-field appearance="outline">
          <mat-label>{{ client().primaryTherapist ? 'Reassign to' : 'Assign to' }}</mat-label>
          <mat-select [value]="choice()" (valueChange)="choice.set($event)">
            @for (therapist of therapists(); track therapist.id) {
              <mat-option [value]="therapist.id"
                >{{ therapist.displayName }} ({{ therapist.caseloadSize }} clients)</mat-option
              >
            }
          </mat-select>
        </mat-form-field>
        <div>
          <button
            mat-stroked-button
            type="button"
            (click)="assign()"
            [disabled]="!choice() || action.busy()"
          >
            Assign
          </button>
        </div>
      </div>
      @if (action.error(); as message) {
        <p class="problem" role="alert">{{ message }}</p>
      }
    </section>
  `,
  styleUrl: './clinical-card.scss',
})
export class CareTeamCardComponent {
  private readonly api = inject(ClientsApiService);
  private readonly staffApi = inject(StaffApiService);
  readonly client = input.required<ClientDetail>();
  readonly changed = output<ClientDetail>();

  private readonly staff = rxResource({ stream: () => this.staffApi.list() });
  protected readonly therapists = computed(() =>
    (this.staff.value() ?? []).filter(
      (member) =>
        member.role === 'therapist' &&
        member.isActive &&
        member.id !== this.client().primaryTherapist?.id,
    ),
  );
  protected readonly choice = signal('');
  protected readonly action = new PendingAction();

  protected async assign(): Promise<void> {
    await this.action.run(async () => {
      this.changed.emit(await firstValueFrom(this.api.assign(this.client().id, this.choice())));
      this.choice.set('');
      this.staff.reload();
    }, 'The therapist could not be assigned.');
  }
}
