import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatChipsModule } from '@angular/material/chips';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import {
  APPOINTMENT_KIND_LABELS,
  APPOINTMENT_KINDS,
  addDays,
  wallClockAt,
  zonedTimeToInstant,
  type AppointmentKind,
  type AppointmentView,
  type CreateAppointmentRequest,
  type SeriesRequest,
} from '@cairn/contracts';
import { firstValueFrom, of, startWith } from 'rxjs';
import { formatCalendarDate } from '../../shared/dates';
import { PendingAction } from '../../shared/pending-action';
import { ClientsApiService } from '../clients/clients-api.service';
import { ConjointDecisionComponent } from '../safety/conjoint-decision.component';
import { isOverview, SafetyApiService } from '../safety/safety-api.service';
import { SchedulingApiService } from './scheduling-api.service';

export interface BookingDialogData {
  timeZone: string;
  isAdmin: boolean;
  therapists: { id: string; displayName: string }[];
  therapistId: string;
  date: string;
  /** Set to reschedule this appointment instead of booking a new one. */
  appointment?: AppointmentView;
  /** With `appointment` in a series: change it and every later one ("this and following"). */
  following?: boolean;
}

const DURATIONS = [30, 45, 50, 60, 80, 90, 120];
/** Weeks between the appointments of a series the form offers (the API takes up to 8). */
const INTERVALS = [1, 2, 3, 4];
const intervalLabel = (weeks: number) => (weeks === 1 ? 'Every week' : `Every ${weeks} weeks`);

/** Book an appointment (or a series), or move one: offers the therapist's free slots. */
@Component({
  selector: 'cairn-booking-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatRadioModule,
    MatChipsModule,
    MatCheckboxModule,
    ConjointDecisionComponent,
  ],
  template: `
    <h2 mat-dialog-title>
      {{
        following
          ? 'Change this and following'
          : moving
            ? 'Reschedule appointment'
            : 'Book an appointment'
      }}
    </h2>
    <mat-dialog-content>
      <form [formGroup]="form" class="form" (ngSubmit)="submit()" id="booking-form" novalidate>
        @if (!moving) {
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>Therapist</mat-label>
              <mat-select formControlName="therapistId">
                @for (therapist of data.therapists; track therapist.id) {
                  <mat-option [value]="therapist.id">{{ therapist.displayName }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Kind</mat-label>
              <mat-select formControlName="kind">
                @for (kind of kinds; track kind) {
                  <mat-option [value]="kind">{{ kindLabels[kind] }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
          </div>
          @if (value().kind === 'consultation') {
            <mat-radio-group formControlName="withProspect" aria-label="Who is it with">
              <mat-radio-button [value]="true">Someone new (prospect)</mat-radio-button>
              <mat-radio-button [value]="false">An existing client</mat-radio-button>
            </mat-radio-group>
          }
          @if (value().kind === 'consultation' && value().withProspect) {
            <div class="row" formGroupName="prospect">
              <mat-form-field appearance="outline">
                <mat-label>Name</mat-label>
                <input matInput formControlName="name" required />
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Email</mat-label>
                <input matInput type="email" formControlName="email" />
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Phone</mat-label>
                <input matInput formControlName="phone" />
              </mat-form-field>
              <mat-form-field appearance="outline" class="wide">
                <mat-label>Reason for contact (short, non-clinical)</mat-label>
                <input matInput formControlName="reason" maxlength="300" />
              </mat-form-field>
            </div>
          } @else {
            <div class="row">
              <mat-form-field appearance="outline">
                <mat-label>Client</mat-label>
                <mat-select formControlName="clientId">
                  @for (client of clients(); track client.id) {
                    <mat-option [value]="client.id">{{ client.displayName }}</mat-option>
                  }
                </mat-select>
                @if (!clients().length) {
                  <mat-hint>This therapist has no clients yet.</mat-hint>
                }
              </mat-form-field>
              @if (value().kind === 'couples') {
                <mat-form-field appearance="outline">
                  <mat-label>Partner</mat-label>
                  <mat-select formControlName="partnerId">
                    @for (client of clients(); track client.id) {
                      <mat-option [value]="client.id">{{ client.displayName }}</mat-option>
                    }
                  </mat-select>
                </mat-form-field>
              }
            </div>
            @if (conjoint(); as status) {
              @if (!status.bookable) {
                <div class="safety" role="status">
                  <p>{{ status.reason }}</p>
                  @if (status.canDecide) {
                    <p>Record your decision on couples sessions first:</p>
                    <cairn-conjoint-decision
                      [clientId]="value().clientId ?? ''"
                      (decided)="conjointSafety.reload()"
                    />
                  }
                </div>
              }
            }
          }
        }
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>Date</mat-label>
            <input matInput type="date" formControlName="date" required />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Length</mat-label>
            <mat-select formControlName="duration">
              @for (minutes of durations; track minutes) {
                <mat-option [value]="minutes">{{ minutes }} minutes</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Start time</mat-label>
            <input matInput type="time" formControlName="time" required />
            <mat-hint>{{ data.timeZone }}</mat-hint>
          </mat-form-field>
        </div>
        <div class="slots" aria-live="polite">
          <span class="label">Free times that day:</span>
          @if (slots.isLoading()) {
            <span>Looking…</span>
          } @else if (slotTimes().length) {
            <mat-chip-listbox aria-label="Free times" [value]="value().time">
              @for (time of slotTimes(); track time) {
                <mat-chip-option [value]="time" (click)="pick(time)">{{ time }}</mat-chip-option>
              }
            </mat-chip-listbox>
          } @else {
            <span class="muted">None within working hours.</span>
          }
        </div>
        <mat-form-field appearance="outline" class="wide">
          <mat-label>Location (room or telehealth link)</mat-label>
          <input matInput formControlName="location" maxlength="300" />
        </mat-form-field>
        @if (following) {
          <p class="muted">
            This appointment and the later ones in its series take the new time, length and
            interval; the earlier ones stay as they are.
          </p>
          <mat-form-field appearance="outline">
            <mat-label>Repeats</mat-label>
            <mat-select formControlName="interval">
              @for (weeks of intervals; track weeks) {
                <mat-option [value]="weeks">{{ intervalLabel(weeks) }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        } @else if (!moving) {
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>Repeats</mat-label>
              <mat-select formControlName="interval">
                <mat-option [value]="0">Does not repeat</mat-option>
                @for (weeks of intervals; track weeks) {
                  <mat-option [value]="weeks">{{ intervalLabel(weeks) }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            @if (value().interval) {
              <mat-form-field appearance="outline">
                <mat-label>Ends</mat-label>
                <mat-select formControlName="ends">
                  <mat-option value="count">After N sessions</mat-option>
                  <mat-option value="until">On a date</mat-option>
                </mat-select>
              </mat-form-field>
              @if (value().ends === 'until') {
                <mat-form-field appearance="outline">
                  <mat-label>Last date</mat-label>
                  <input matInput type="date" formControlName="until" [min]="value().date" />
                  <mat-hint>{{ sessionsUntil() }}</mat-hint>
                </mat-form-field>
              } @else {
                <mat-form-field appearance="outline">
                  <mat-label>Sessions in all</mat-label>
                  <input matInput type="number" min="2" max="26" formControlName="count" />
                  <mat-hint>{{ lastSession() }}</mat-hint>
                </mat-form-field>
              }
            }
          </div>
        }
        @if (data.isAdmin) {
          <mat-checkbox formControlName="outsideHours">Book outside working hours</mat-checkbox>
          @if (value().outsideHours) {
            <mat-form-field appearance="outline" class="wide">
              <mat-label>Reason for booking outside working hours</mat-label>
              <input matInput formControlName="overrideReason" maxlength="300" required />
            </mat-form-field>
          }
        }
        @if (action.error(); as message) {
          <p class="problem" role="alert">{{ message }}</p>
        }
      </form>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Close</button>
      <button mat-flat-button type="submit" form="booking-form" [disabled]="action.busy()">
        {{ following ? 'Change these appointments' : moving ? 'Move appointment' : 'Book' }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .form {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding-top: 8px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
    }
    .wide {
      width: 100%;
    }
    mat-radio-group {
      display: flex;
      gap: 16px;
      margin-bottom: 12px;
    }
    .slots {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin: 0 0 16px;
    }
    .label {
      font: var(--mat-sys-label-large);
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    p.muted {
      margin: 0 0 12px;
    }
    .problem {
      color: var(--mat-sys-error);
    }
    .safety {
      padding: 8px 12px;
      margin-bottom: 12px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class BookingDialogComponent {
  protected readonly data = inject<BookingDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<BookingDialogComponent, boolean>);
  private readonly api = inject(SchedulingApiService);
  private readonly clientsApi = inject(ClientsApiService);
  private readonly safetyApi = inject(SafetyApiService);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly moving = !!this.data.appointment;
  protected readonly following = !!this.data.appointment && !!this.data.following;
  protected readonly intervals = INTERVALS;
  protected readonly intervalLabel = intervalLabel;
  protected readonly kinds = APPOINTMENT_KINDS;
  protected readonly kindLabels = APPOINTMENT_KIND_LABELS;
  protected readonly durations = DURATIONS;
  protected readonly action = new PendingAction();

  protected readonly form = this.fb.group({
    therapistId: this.fb.control<string>(this.data.therapistId),
    kind: this.fb.control<AppointmentKind>('session'),
    withProspect: this.fb.control<boolean>(true),
    prospect: this.fb.group({
      name: this.fb.control<string>('', Validators.maxLength(200)),
      email: this.fb.control<string>(''),
      phone: this.fb.control<string>(''),
      reason: this.fb.control<string>(''),
    }),
    clientId: this.fb.control<string>(''),
    partnerId: this.fb.control<string>(''),
    date: this.fb.control<string>(this.initialDate(), Validators.required),
    duration: this.fb.control<number>(this.initialDuration()),
    time: this.fb.control<string>(this.initialTime(), Validators.required),
    location: this.fb.control<string>(this.data.appointment?.location ?? ''),
    /** Weeks between appointments; 0 for one that does not repeat. */
    interval: this.fb.control<number>(this.data.appointment?.series?.intervalWeeks ?? 0),
    ends: this.fb.control<'count' | 'until'>('count'),
    count: this.fb.control<number>(6),
    until: this.fb.control<string>(addDays(this.data.date, 7 * 12)),
    outsideHours: this.fb.control<boolean>(false),
    overrideReason: this.fb.control<string>(''),
  });
  protected readonly value = toSignal(
    this.form.valueChanges.pipe(startWith(this.form.getRawValue())),
    { initialValue: this.form.getRawValue() },
  );
  private readonly therapistId = computed(
    () => this.data.appointment?.therapist.id ?? this.value().therapistId ?? '',
  );

  private readonly caseload = rxResource({
    params: () => (this.moving ? undefined : this.therapistId()),
    stream: ({ params }) =>
      params ? this.clientsApi.list({ therapistId: params, pageSize: 100 }) : of(null),
  });
  protected readonly clients = computed(() =>
    (this.caseload.value()?.items ?? []).filter((client) => client.status !== 'discharged'),
  );

  /** Safety before conjoint work: asked before a couples session is booked, not after. */
  protected readonly conjointSafety = rxResource({
    params: () =>
      !this.moving && this.value().kind === 'couples' && this.value().clientId
        ? this.value().clientId
        : undefined,
    stream: ({ params }) => (params ? this.safetyApi.overview(params) : of(null)),
  });
  protected readonly conjoint = computed(() => {
    const value = this.conjointSafety.value();
    if (!value) return null;
    if (isOverview(value)) return { ...value.conjoint, canDecide: !!value.partner };
    return value.reviewPending
      ? {
          bookable: false,
          reason:
            "A safety review for this couple is waiting for their therapist's decision; a couples session can be booked once it is recorded.",
          canDecide: false,
        }
      : null;
  });

  protected readonly slots = rxResource({
    params: () => ({
      therapistId: this.therapistId(),
      date: this.value().date ?? '',
      duration: this.value().duration ?? 50,
    }),
    stream: ({ params }) => {
      if (!params.therapistId || !/^\d{4}-\d{2}-\d{2}$/.test(params.date)) return of(null);
      const tz = this.data.timeZone;
      return this.api.slots({
        therapistId: params.therapistId,
        from: zonedTimeToInstant(params.date, '00:00', tz).toISOString(),
        to: zonedTimeToInstant(addDays(params.date, 1), '00:00', tz).toISOString(),
        duration: params.duration,
      });
    },
  });
  protected readonly slotTimes = computed(() =>
    (this.slots.value()?.slots ?? []).map(
      (slot) => wallClockAt(new Date(slot.start), this.data.timeZone).time,
    ),
  );

  /** The last session's date for a series by count, so "6 sessions every 3 weeks" is concrete. */
  protected readonly lastSession = computed(() => {
    const { date, interval, count } = this.value();
    if (!date || !interval || !count || count < 2) return '';
    return `Last on ${formatCalendarDate(addDays(date, (count - 1) * 7 * interval))}`;
  });
  protected readonly sessionsUntil = computed(() => {
    const { date, interval, until } = this.value();
    if (!date || !interval || !until || until < date) return '';
    const days = (Date.parse(`${until}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000;
    return `${Math.floor(days / (7 * interval)) + 1} sessions`;
  });

  protected pick(time: string): void {
    this.form.controls.time.setValue(time);
  }

  protected async submit(): Promise<void> {
    const value = this.form.getRawValue();
    if (this.form.invalid || !value.time) {
      this.form.markAllAsTouched();
      return;
    }
    const tz = this.data.timeZone;
    const start = zonedTimeToInstant(value.date, value.time, tz);
    const end = new Date(start.getTime() + value.duration * 60_000);
    const overrideReason = value.outsideHours ? value.overrideReason.trim() || null : null;
    await this.action.run(async () => {
      const appointment = this.data.appointment;
      if (appointment && this.following) {
        await firstValueFrom(
          this.api.updateFollowing(appointment.id, {
            start: start.toISOString(),
            end: end.toISOString(),
            location: value.location.trim() || null,
            overrideReason,
            ...(value.interval ? { intervalWeeks: value.interval } : {}),
          }),
        );
      } else if (appointment) {
        await firstValueFrom(
          this.api.update(appointment.id, {
            start: start.toISOString(),
            end: end.toISOString(),
            location: value.location.trim() || null,
            overrideReason,
          }),
        );
      } else {
        await firstValueFrom(this.api.book(this.request(value, start, end, overrideReason)));
      }
      this.ref.close(true);
    }, 'The appointment could not be saved.');
  }

  private request(
    value: ReturnType<typeof this.form.getRawValue>,
    start: Date,
    end: Date,
    overrideReason: string | null,
  ): CreateAppointmentRequest {
    const prospect =
      value.kind === 'consultation' && value.withProspect
        ? {
            name: value.prospect.name.trim(),
            email: value.prospect.email.trim() || null,
            phone: value.prospect.phone.trim() || null,
            reason: value.prospect.reason.trim() || null,
          }
        : null;
    const clientIds = prospect
      ? undefined
      : [value.clientId, ...(value.kind === 'couples' ? [value.partnerId] : [])].filter(Boolean);
    return {
      therapistId: value.therapistId,
      kind: value.kind,
      start: start.toISOString(),
      end: end.toISOString(),
      location: value.location.trim() || null,
      clientIds,
      prospect,
      overrideReason,
      series: this.series(value),
    };
  }

  private series(value: ReturnType<typeof this.form.getRawValue>): SeriesRequest | null {
    if (!value.interval) return null;
    return value.ends === 'until'
      ? { intervalWeeks: value.interval, until: value.until }
      : { intervalWeeks: value.interval, count: value.count };
  }

  private initialDate(): string {
    const appointment = this.data.appointment;
    return appointment
      ? wallClockAt(new Date(appointment.start), this.data.timeZone).date
      : this.data.date;
  }

  private initialTime(): string {
    const appointment = this.data.appointment;
    return appointment ? wallClockAt(new Date(appointment.start), this.data.timeZone).time : '';
  }

  private initialDuration(): number {
    const appointment = this.data.appointment;
    return appointment
      ? (Date.parse(appointment.end) - Date.parse(appointment.start)) / 60_000
      : 50;
  }
}
