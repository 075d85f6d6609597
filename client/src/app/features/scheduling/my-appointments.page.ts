import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { APPOINTMENT_KIND_LABELS, type AppointmentStatus } from '@cairn/contracts';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import { SchedulingApiService } from './scheduling-api.service';

const STATUS_WORDS: Record<AppointmentStatus, string> = {
  scheduled: 'Booked',
  completed: 'Attended',
  cancelled: 'Cancelled',
  no_show: 'Missed',
};

/** The client's own appointments: what is coming up and what has been, in plain words. */
import { SkeletonComponent } from '../../shared/skeleton.component';
@Component({
  selector: 'cairn-my-appointments',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SkeletonComponent, ClinicTimePipe],
  template: `
    <h1>My appointments</h1>
    @if (list.isLoading() && !list.hasValue()) {
      <cairn-skeleton label="appointments" [lines]="3" />
    } @else if (list.error()) {
      <p class="problem" role="alert">Your appointments could not be loaded. Please try again.</p>
    } @else if (list.value(); as mine) {
      <h2>Coming up</h2>
      @if (mine.upcoming.length) {
        <ul class="items" aria-label="Upcoming appointments">
          @for (item of mine.upcoming; track item.id) {
            <li [class.cancelled]="item.status === 'cancelled'">
              <span class="when">
                <strong>{{ item.start | clinicTime: 'date' }}</strong>
                {{ item.start | clinicTime: 'time' }} – {{ item.end | clinicTime: 'time' }}
              </span>
              <span>{{ kinds[item.kind] }} with {{ item.therapistName }}</span>
              @if (item.location) {
                <span class="where">{{ item.location }}</span>
              }
              @if (item.status !== 'scheduled') {
                <span class="badge">{{ statusWords[item.status] }}</span>
              }
            </li>
          }
        </ul>
      } @else {
        <p>You have no appointments booked. The clinic will let you know when one is.</p>
      }
      @if (mine.past.length) {
        <h2>Earlier</h2>
        <ul class="items" aria-label="Past appointments">
          @for (item of mine.past; track item.id) {
            <li>
              <span class="when">
                <strong>{{ item.start | clinicTime: 'date' }}</strong>
                {{ item.start | clinicTime: 'time' }}
              </span>
              <span>{{ kinds[item.kind] }} with {{ item.therapistName }}</span>
              <span class="badge">{{ statusWords[item.status] }}</span>
            </li>
          }
        </ul>
      }
      <p class="note">Times are shown in the clinic's time zone ({{ mine.timeZone }}).</p>
    }
  `,
  styles: `
    h1 {
      font: var(--mat-sys-headline-small);
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin-top: 24px;
    }
    .items {
      list-style: none;
      padding: 0;
    }
    .items li {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 8px 16px;
      padding: 12px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .when {
      min-width: 270px;
    }
    .where,
    .note {
      color: var(--mat-sys-on-surface-variant);
    }
    .cancelled .when {
      text-decoration: line-through;
    }
    .badge {
      padding: 2px 8px;
      border-radius: 8px;
      font: var(--mat-sys-label-medium);
      background: var(--mat-sys-secondary-container);
    }
    .problem {
      color: var(--mat-sys-error);
    }
  `,
})
export class MyAppointmentsPage {
  private readonly api = inject(SchedulingApiService);
  protected readonly list = rxResource({ stream: () => this.api.mine() });
  protected readonly kinds = APPOINTMENT_KIND_LABELS;
  protected readonly statusWords = STATUS_WORDS;
}
