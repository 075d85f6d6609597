import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  TREATMENT_PHASE_LABELS,
  TREATMENT_PHASES,
  type TreatmentPhase,
  type TreatmentPhaseEntry,
} from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { CalendarDayPipe } from '../../shared/calendar-day.pipe';
import { PendingAction } from '../../shared/pending-action';
import { ClientsApiService } from './clients-api.service';

/** The phase of care, with the day each phase began, kept as history. */
@Component({
  selector: 'cairn-phase-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CalendarDayPipe,
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
  ],
  template: `
    <section class="card" aria-labelledby="phase-heading">
      <header>
        <h2 id="phase-heading">Phase of care</h2>
      </header>
      <ul>
        @for (entry of history(); track entry.id; let first = $first) {
          <li>
            <span class="date when">{{ entry.startedOn | calendarDay: 'date' }}</span>
            <span class="grow">
              @if (first) {
                <strong>{{ labels[entry.phase] }}</strong> (current)
              } @else {
                {{ labels[entry.phase] }}
              }
              <span class="note">recorded by {{ entry.recordedBy }}</span>
            </span>
          </li>
        } @empty {
          <li class="empty">No phase recorded yet.</li>
        }
      </ul>
      <form [formGroup]="form" (ngSubmit)="save()" class="row" novalidate>
        <mat-form-field appearance="outline" class="wide">
          <mat-label>Move to phase</mat-label>
          <mat-select formControlName="phase">
            @for (phase of phases; track phase) {
              <mat-option [value]="phase">{{ labels[phase] }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>From</mat-label>
          <input matInput type="date" formControlName="startedOn" required />
        </mat-form-field>
        <div>
          <button mat-stroked-button type="submit" [disabled]="action.busy()">Record phase</button>
        </div>
      </form>
      @if (action.error(); as message) {
        <p class="problem" role="alert">{{ message }}</p>
      }
    </section>
  `,
  styleUrl: './clinical-card.scss',
})
export class PhaseCardComponent {
  private readonly api = inject(ClientsApiService);
  readonly clientId = input.required<string>();
  readonly history = input.required<TreatmentPhaseEntry[]>();
  readonly changed = output<void>();

  protected readonly phases = TREATMENT_PHASES;
  protected readonly labels = TREATMENT_PHASE_LABELS;
  protected readonly action = new PendingAction();
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    phase: this.fb.control<TreatmentPhase>('safety_stabilisation'),
    startedOn: ['', Validators.required],
  });

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    await this.action.run(async () => {
      await firstValueFrom(this.api.setPhase(this.clientId(), this.form.getRawValue()));
      this.changed.emit();
    }, 'The phase could not be recorded.');
  }
}
