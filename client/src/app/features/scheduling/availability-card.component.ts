import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type {
  AvailabilityException,
  AvailabilityExceptionKind,
  WeeklyHours,
} from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { CalendarDayPipe } from '../../shared/calendar-day.pipe';
import { PendingAction } from '../../shared/pending-action';
import { SchedulingApiService } from './scheduling-api.service';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A therapist's weekly working hours and exceptions, edited as a whole and saved at once. */
@Component({
  selector: 'cairn-availability-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CalendarDayPipe,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
  ],
  template: `
    <section class="card" aria-labelledby="hours-heading">
      <header>
        <h2 id="hours-heading">Working hours</h2>
        <span class="muted">In the clinic's time zone ({{ timeZone() }})</span>
      </header>
      @if (!editing()) {
        <ul class="plain">
          @for (block of weekly(); track $index) {
            <li>{{ weekdays[block.weekday - 1] }} {{ block.start }}–{{ block.end }}</li>
          } @empty {
            <li>No working hours set: only an admin can book this therapist, with a reason.</li>
          }
        </ul>
        @if (exceptions().length) {
          <h3>Exceptions</h3>
          <ul class="plain">
            @for (item of exceptions(); track $index) {
              <li>
                {{ item.date | calendarDay: 'date' }}:
                {{ item.kind === 'time_off' ? 'Time off' : 'Extra hours' }}
                {{ item.start ? item.start + '–' + item.end : '(whole day)' }} {{ item.note ?? '' }}
              </li>
            }
          </ul>
        }
        <button mat-stroked-button type="button" (click)="editing.set(true)">Change hours</button>
      } @else {
        @for (block of weekly(); track $index; let i = $index) {
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>Day</mat-label>
              <mat-select [(ngModel)]="block.weekday" [name]="'day' + i">
                @for (day of weekdays; track day; let d = $index) {
                  <mat-option [value]="d + 1">{{ day }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>From</mat-label>
              <input matInput type="time" [(ngModel)]="block.start" [name]="'start' + i" />
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>To</mat-label>
              <input matInput type="time" [(ngModel)]="block.end" [name]="'end' + i" />
            </mat-form-field>
            <button mat-button type="button" (click)="removeBlock(i)">Remove</button>
          </div>
        }
        <button mat-button type="button" (click)="addBlock()">Add hours</button>
        <h3>Exceptions</h3>
        @for (item of exceptions(); track $index; let i = $index) {
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>Date</mat-label>
              <input matInput type="date" [(ngModel)]="item.date" [name]="'xdate' + i" />
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Kind</mat-label>
              <mat-select [(ngModel)]="item.kind" [name]="'xkind' + i">
                <mat-option value="time_off">Time off</mat-option>
                <mat-option value="extra_hours">Extra hours</mat-option>
              </mat-select>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>From (blank: whole day)</mat-label>
              <input matInput type="time" [(ngModel)]="item.start" [name]="'xstart' + i" />
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>To</mat-label>
              <input matInput type="time" [(ngModel)]="item.end" [name]="'xend' + i" />
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Note</mat-label>
              <input matInput [(ngModel)]="item.note" [name]="'xnote' + i" maxlength="200" />
            </mat-form-field>
            <button mat-button type="button" (click)="removeException(i)">Remove</button>
          </div>
        }
        <button mat-button type="button" (click)="addException()">Add an exception</button>
        <div class="actions">
          <button mat-flat-button type="button" [disabled]="action.busy()" (click)="save()">
            Save hours
          </button>
          <button mat-button type="button" (click)="reset()">Discard changes</button>
        </div>
      }
      @if (action.error(); as message) {
        <p class="problem" role="alert">{{ message }}</p>
      }
    </section>
  `,
  styles: `
    .card {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 16px;
    }
    header {
      display: flex;
      gap: 12px;
      align-items: baseline;
      flex-wrap: wrap;
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 0;
    }
    h3 {
      font: var(--mat-sys-title-small);
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .plain {
      list-style: none;
      padding: 0;
    }
    .row,
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0 8px;
      align-items: baseline;
    }
    .problem {
      color: var(--mat-sys-error);
    }
  `,
})
export class AvailabilityCardComponent {
  private readonly api = inject(SchedulingApiService);
  readonly therapistId = input.required<string>();
  readonly timeZone = input.required<string>();

  protected readonly weekdays = WEEKDAYS;
  protected readonly action = new PendingAction();
  protected readonly editing = signal(false);
  protected readonly weekly = signal<WeeklyHours[]>([]);
  protected readonly exceptions = signal<AvailabilityException[]>([]);
  private readonly saved = rxResource({
    params: () => this.therapistId(),
    stream: ({ params }) => this.api.availability(params),
  });

  constructor() {
    effect(() => {
      const value = this.saved.value();
      if (value) this.load(value.weekly, value.exceptions);
    });
  }

  protected addBlock(): void {
    this.weekly.update((blocks) => [...blocks, { weekday: 1, start: '09:00', end: '17:00' }]);
  }

  protected removeBlock(index: number): void {
    this.weekly.update((blocks) => blocks.filter((_, i) => i !== index));
  }

  protected addException(): void {
    const kind: AvailabilityExceptionKind = 'time_off';
    this.exceptions.update((items) => [
      ...items,
      { date: '', kind, start: null, end: null, note: null },
    ]);
  }

  protected removeException(index: number): void {
    this.exceptions.update((items) => items.filter((_, i) => i !== index));
  }

  protected reset(): void {
    const value = this.saved.value();
    this.load(value?.weekly ?? [], value?.exceptions ?? []);
    this.editing.set(false);
  }

  protected save(): Promise<void> {
    return this.action.run(async () => {
      const saved = await firstValueFrom(
        this.api.putAvailability(this.therapistId(), {
          timeZone: this.timeZone(),
          weekly: this.weekly(),
          exceptions: this.exceptions().map((item) => ({
            ...item,
            start: item.start || null,
            end: item.end || null,
            note: item.note || null,
          })),
        }),
      );
      this.load(saved.weekly, saved.exceptions);
      this.editing.set(false);
    }, 'The hours could not be saved.');
  }

  private load(weekly: WeeklyHours[], exceptions: AvailabilityException[]): void {
    this.weekly.set(weekly.map((block) => ({ ...block })));
    this.exceptions.set(exceptions.map((item) => ({ ...item })));
  }
}
