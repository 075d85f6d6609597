import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import {
  addDays,
  todayIn,
  wallClockAt,
  zonedTimeToInstant,
  type AppointmentView,
} from '@cairn/contracts';
import { map, of } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { CrisisResourcesNoticeComponent } from '../admin/settings/crisis-resources-notice.component';
import { StaffApiService } from '../staff/staff-api.service';
import { AppointmentPanelComponent } from './appointment-panel.component';
import { AvailabilityCardComponent } from './availability-card.component';
import { BookingDialogComponent, type BookingDialogData } from './booking-dialog.component';
import { CalendarFeedCardComponent } from './calendar-feed-card.component';
import { CalendarGridComponent, type CalendarColumn } from './calendar-grid.component';
import { workingBlocks } from './working-hours';
import { SchedulingApiService } from './scheduling-api.service';

type View = 'week' | 'day';

/**
 * The schedule. An admin sees any therapist's week or the whole clinic's day and books, moves and
 * closes appointments; a therapist sees their own week, hours and calendar link.
 */
import { SkeletonComponent } from '../../shared/skeleton.component';
@Component({
  selector: 'cairn-schedule',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    SkeletonComponent,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatSelectModule,
    CalendarGridComponent,
    AppointmentPanelComponent,
    AvailabilityCardComponent,
    CalendarFeedCardComponent,
    CrisisResourcesNoticeComponent,
  ],
  template: `
    @if (isAdmin()) {
      <cairn-crisis-resources-notice />
    }
    <header class="header">
      <h1>{{ isAdmin() ? 'Clinic schedule' : 'My schedule' }}</h1>
      <button mat-flat-button type="button" (click)="book()" [disabled]="!therapists().length">
        Book appointment
      </button>
    </header>
    <div class="toolbar">
      @if (isAdmin()) {
        <mat-button-toggle-group
          [value]="view()"
          (change)="view.set($event.value)"
          aria-label="Calendar view"
        >
          <mat-button-toggle value="week">Therapist week</mat-button-toggle>
          <mat-button-toggle value="day">Clinic day</mat-button-toggle>
        </mat-button-toggle-group>
        @if (view() === 'week') {
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Therapist</mat-label>
            <mat-select
              [value]="therapistId()"
              (selectionChange)="chosenTherapist.set($event.value)"
            >
              @for (therapist of therapists(); track therapist.id) {
                <mat-option [value]="therapist.id">{{ therapist.displayName }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
      }
      <div class="nav">
        <button
          mat-stroked-button
          type="button"
          (click)="move(-1)"
          [attr.aria-label]="'Previous ' + view()"
        >
          ‹ Previous
        </button>
        <button mat-button type="button" (click)="anchor.set(today())">Today</button>
        <button
          mat-stroked-button
          type="button"
          (click)="move(1)"
          [attr.aria-label]="'Next ' + view()"
        >
          Next ›
        </button>
        <strong class="range">{{ rangeLabel() }}</strong>
      </div>
    </div>

    <div class="layout">
      <div class="main">
        @if (appointments.error()) {
          <p class="problem" role="alert">The schedule could not be loaded.</p>
        } @else if (!appointments.hasValue()) {
          <!-- Laid over the grid, not above it: the grid keeps its place when the data comes. -->
          <div class="loading"><cairn-skeleton label="the schedule" [lines]="2" /></div>
        }
        <cairn-calendar-grid
          [columns]="columns()"
          [timeZone]="timeZone()"
          [label]="rangeLabel()"
          (picked)="selected.set($event)"
        />
      </div>
      <aside class="side">
        @if (selected(); as item) {
          <cairn-appointment-panel
            [appointment]="item"
            [isAdmin]="isAdmin()"
            [timeZone]="timeZone()"
            (changed)="changed($event)"
            (reschedule)="book($event)"
            (rescheduleFollowing)="book($event, true)"
            (closed)="selected.set(null)"
          />
        }
        @if (view() === 'week' && therapistId(); as id) {
          <cairn-availability-card [therapistId]="id" [timeZone]="timeZone()" />
        }
        @if (!isAdmin() && me(); as user) {
          <cairn-calendar-feed-card [therapistId]="user.id" />
        }
      </aside>
    </div>
  `,
  styles: `
    .header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      margin-bottom: 12px;
      h1 {
        font: var(--mat-sys-headline-small);
        margin: 0;
      }
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
      margin-bottom: 12px;
    }
    .nav {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
      button {
        white-space: nowrap;
      }
    }
    .range {
      margin-left: 8px;
    }
    /* On a phone the week's name takes its own line above the buttons, instead of a column of
       five short lines beside them. */
    @media (max-width: 600px) {
      .nav {
        width: 100%;
      }
      .range {
        order: -1;
        flex-basis: 100%;
        margin-left: 0;
      }
    }
    .layout {
      display: grid;
      grid-template-columns: minmax(0, 1fr) 320px;
      gap: 16px;
      align-items: start;
    }
    .side {
      display: flex;
      flex-direction: column;
      gap: 16px;
    }
    @media (max-width: 1100px) {
      .layout {
        grid-template-columns: 1fr;
      }
    }
    .main {
      position: relative;
    }
    .loading {
      position: absolute;
      inset: 0 0 auto 0;
      z-index: 2;
      padding: 8px 12px;
      background: var(--mat-sys-surface);
    }
    .problem {
      color: var(--mat-sys-error);
    }
  `,
})
export class SchedulePage {
  private readonly api = inject(SchedulingApiService);
  private readonly staffApi = inject(StaffApiService);
  private readonly dialog = inject(MatDialog);
  protected readonly me = inject(AuthService).user;

  /** Route data. */
  readonly area = input<'admin' | 'therapist'>('therapist');

  protected readonly isAdmin = computed(() => this.area() === 'admin');
  protected readonly timeZone = computed(() => this.me()?.clinicTimeZone ?? 'UTC');
  protected readonly today = computed(() => todayIn(this.timeZone()));
  protected readonly view = signal<View>('week');
  protected readonly anchor = signal(todayIn(inject(AuthService).user()?.clinicTimeZone));
  protected readonly chosenTherapist = signal<string | null>(null);
  protected readonly selected = signal<AppointmentView | null>(null);

  private readonly staff = rxResource({
    params: () => this.isAdmin(),
    stream: ({ params }) =>
      params
        ? this.staffApi
            .list()
            .pipe(
              map((members) =>
                members.filter((member) => member.role === 'therapist' && member.isActive),
              ),
            )
        : of(null),
  });
  protected readonly therapists = computed(() => {
    const user = this.me();
    if (!this.isAdmin()) return user ? [{ id: user.id, displayName: user.displayName }] : [];
    return (this.staff.value() ?? []).map(({ id, displayName }) => ({ id, displayName }));
  });
  protected readonly therapistId = computed(
    () => this.chosenTherapist() ?? this.therapists()[0]?.id ?? null,
  );

  /** Monday of the anchor's week, or the anchor day itself. */
  private readonly firstDay = computed(() => {
    if (this.view() === 'day') return this.anchor();
    const weekday = ((new Date(`${this.anchor()}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    return addDays(this.anchor(), 1 - weekday);
  });
  private readonly days = computed(() =>
    Array.from({ length: this.view() === 'day' ? 1 : 7 }, (_, index) =>
      addDays(this.firstDay(), index),
    ),
  );

  protected readonly appointments = rxResource({
    params: () => {
      const days = this.days();
      const therapistId = this.view() === 'week' ? this.therapistId() : undefined;
      if (this.view() === 'week' && !therapistId) return undefined;
      const first = days[0] ?? this.anchor();
      const last = days[days.length - 1] ?? this.anchor();
      return {
        therapistId: therapistId ?? undefined,
        from: zonedTimeToInstant(first, '00:00', this.timeZone()).toISOString(),
        to: zonedTimeToInstant(addDays(last, 1), '00:00', this.timeZone()).toISOString(),
      };
    },
    stream: ({ params }) => this.api.list(params),
  });

  /** The therapist's hours, shaded on the week grid. */
  private readonly availability = rxResource({
    params: () => (this.view() === 'week' ? (this.therapistId() ?? undefined) : undefined),
    stream: ({ params }) => this.api.availability(params),
  });

  protected readonly columns = computed<CalendarColumn[]>(() => {
    const items = this.appointments.value() ?? [];
    const tz = this.timeZone();
    const dayOf = (item: AppointmentView) => wallClockAt(new Date(item.start), tz).date;
    if (this.view() === 'day') {
      return this.therapists().map((therapist) => ({
        key: therapist.id,
        label: therapist.displayName,
        appointments: items.filter((item) => item.therapist.id === therapist.id),
      }));
    }
    // Shading is a help, not the schedule: without the hours (an error), the grid still shows.
    const availability = this.availability.hasValue() ? this.availability.value() : undefined;
    return this.days().map((date) => ({
      key: date,
      date,
      working: availability ? workingBlocks(availability, date) : [],
      label: new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'UTC' }).format(
        new Date(`${date}T12:00:00Z`),
      ),
      sublabel: new Intl.DateTimeFormat('en-US', {
        month: 'short',
        day: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(`${date}T12:00:00Z`)),
      appointments: items.filter((item) => dayOf(item) === date),
    }));
  });

  protected readonly rangeLabel = computed(() => {
    const format = (date: string) =>
      new Intl.DateTimeFormat('en-US', {
        weekday: this.view() === 'day' ? 'long' : undefined,
        month: 'long',
        day: 'numeric',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(`${date}T12:00:00Z`));
    const days = this.days();
    const first = days[0] ?? this.anchor();
    const last = days[days.length - 1] ?? this.anchor();
    return first === last ? format(first) : `Week of ${format(first)} – ${format(last)}`;
  });

  protected move(step: number): void {
    this.anchor.set(addDays(this.anchor(), step * (this.view() === 'day' ? 1 : 7)));
  }

  protected changed(item: AppointmentView): void {
    this.selected.set(item);
    this.appointments.reload();
  }

  protected book(appointment?: AppointmentView, following = false): void {
    const data: BookingDialogData = {
      timeZone: this.timeZone(),
      isAdmin: this.isAdmin(),
      therapists: this.therapists(),
      therapistId: appointment?.therapist.id ?? this.therapistId() ?? '',
      date: this.anchor() < this.today() ? this.today() : this.anchor(),
      appointment,
      following,
    };
    this.dialog
      .open<BookingDialogComponent, BookingDialogData, boolean>(BookingDialogComponent, {
        data,
        width: '720px',
        maxWidth: '95vw',
      })
      .afterClosed()
      .subscribe((done) => {
        if (!done) return;
        this.appointments.reload();
        if (appointment) this.selected.set(null);
      });
  }
}
