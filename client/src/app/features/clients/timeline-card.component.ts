import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  TIMELINE_EVENT_KINDS,
  TIMELINE_EVENT_LABELS,
  type TimelineEvent,
  type TimelineEventKind,
} from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { CalendarDayPipe } from '../../shared/calendar-day.pipe';
import { PendingAction } from '../../shared/pending-action';
import { ClientsApiService } from './clients-api.service';

/** The betrayal timeline: dated events that later appear as markers on the progress charts. */
@Component({
  selector: 'cairn-timeline-card',
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
    <section class="card" aria-labelledby="timeline-heading">
      <header>
        <h2 id="timeline-heading">Betrayal timeline</h2>
        @if (!adding()) {
          <button mat-button type="button" (click)="adding.set(true)">Add event</button>
        }
      </header>
      <ul>
        @for (event of events(); track event.id) {
          <li>
            <span class="date when">{{ event.occurredOn | calendarDay: 'date' }}</span>
            <span class="grow">
              <strong>{{ event.kind === 'other' ? event.label : labels[event.kind] }}</strong>
              @if (event.kind !== 'other' && event.label) {
                — {{ event.label }}
              }
              @if (event.note) {
                <span class="note">{{ event.note }}</span>
              }
            </span>
            <button
              mat-button
              type="button"
              (click)="remove(event)"
              [attr.aria-label]="'Remove ' + labels[event.kind] + ' of ' + event.occurredOn"
            >
              Remove
            </button>
          </li>
        } @empty {
          <li class="empty">
            No events yet. Discovery and disclosure dates make score changes readable.
          </li>
        }
      </ul>
      @if (adding()) {
        <form [formGroup]="form" (ngSubmit)="add()" novalidate>
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>What happened</mat-label>
              <mat-select formControlName="kind">
                @for (kind of kinds; track kind) {
                  <mat-option [value]="kind">{{ labels[kind] }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Date</mat-label>
              <input matInput type="date" formControlName="occurredOn" required />
            </mat-form-field>
            <mat-form-field appearance="outline" class="grow">
              <mat-label>{{
                form.controls.kind.value === 'other' ? 'Label (required)' : 'Label'
              }}</mat-label>
              <input matInput formControlName="label" />
            </mat-form-field>
          </div>
          <mat-form-field appearance="outline" class="wide">
            <mat-label>Note</mat-label>
            <input matInput formControlName="note" />
          </mat-form-field>
          @if (action.error(); as message) {
            <p class="problem" role="alert">{{ message }}</p>
          }
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="action.busy()">
              Add to timeline
            </button>
            <button mat-button type="button" (click)="adding.set(false)">Cancel</button>
          </div>
        </form>
      }
    </section>
  `,
  styleUrl: './clinical-card.scss',
})
export class TimelineCardComponent {
  private readonly api = inject(ClientsApiService);
  readonly clientId = input.required<string>();
  readonly events = input.required<TimelineEvent[]>();
  readonly changed = output<void>();

  protected readonly kinds = TIMELINE_EVENT_KINDS;
  protected readonly labels = TIMELINE_EVENT_LABELS;
  protected readonly adding = signal(false);
  protected readonly action = new PendingAction();
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    kind: this.fb.control<TimelineEventKind>('discovery'),
    occurredOn: ['', Validators.required],
    label: [''],
    note: [''],
  });

  protected async add(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    await this.action.run(async () => {
      await firstValueFrom(
        this.api.addTimelineEvent(this.clientId(), {
          kind: value.kind,
          occurredOn: value.occurredOn,
          label: value.label.trim() || null,
          note: value.note.trim() || null,
        }),
      );
      this.form.reset({ kind: 'discovery', occurredOn: '', label: '', note: '' });
      this.adding.set(false);
      this.changed.emit();
    }, 'The event could not be added.');
  }

  protected async remove(event: TimelineEvent): Promise<void> {
    await this.action.run(async () => {
      await firstValueFrom(this.api.removeTimelineEvent(this.clientId(), event.id));
      this.changed.emit();
    }, 'The event could not be removed.');
  }
}
