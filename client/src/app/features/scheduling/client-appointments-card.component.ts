import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { APPOINTMENT_KIND_LABELS } from '@cairn/contracts';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import { SkeletonComponent } from '../../shared/skeleton.component';
import { SchedulingApiService } from './scheduling-api.service';

/** How far ahead the card looks (the list route takes at most 93 days). */
const AHEAD_DAYS = 60;

/** The client's next booked appointments, on their file. */
@Component({
  selector: 'cairn-client-appointments-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ClinicTimePipe, SkeletonComponent],
  template: `
    <section class="card" aria-labelledby="client-appointments-heading">
      <header>
        <h2 id="client-appointments-heading">Upcoming appointments</h2>
        <a [routerLink]="scheduleLink()">Schedule</a>
      </header>
      @if (appointments.error()) {
        <p class="problem" role="alert">The appointments could not be loaded.</p>
      } @else if (appointments.hasValue()) {
        <ul>
          @for (item of upcoming(); track item.id) {
            <li>
              <span class="date when">{{ item.start | clinicTime: 'dayTime' }}</span>
              <span>{{ kinds[item.kind] }} with {{ item.therapist.displayName }}</span>
            </li>
          } @empty {
            <li class="empty">Nothing booked in the next {{ aheadDays }} days.</li>
          }
        </ul>
      } @else {
        <cairn-skeleton label="appointments" [lines]="2" />
      }
    </section>
  `,
  styleUrl: '../clients/clinical-card.scss',
})
export class ClientAppointmentsCardComponent {
  private readonly api = inject(SchedulingApiService);

  readonly clientId = input.required<string>();
  readonly area = input<'admin' | 'therapist'>('therapist');

  protected readonly kinds = APPOINTMENT_KIND_LABELS;
  protected readonly aheadDays = AHEAD_DAYS;
  protected readonly scheduleLink = computed(() =>
    this.area() === 'admin' ? '/admin/schedule' : '/therapist/schedule',
  );
  protected readonly appointments = rxResource({
    params: () => this.clientId(),
    stream: ({ params }) => {
      const from = new Date();
      const to = new Date(from.getTime() + AHEAD_DAYS * 24 * 60 * 60 * 1000);
      return this.api.list({
        clientId: params,
        from: from.toISOString(),
        to: to.toISOString(),
        status: 'scheduled',
      });
    },
  });
  protected readonly upcoming = computed(() =>
    this.appointments.hasValue() ? this.appointments.value() : [],
  );
}
