import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import {
  APPOINTMENT_KIND_LABELS,
  APPOINTMENT_STATUS_LABELS,
  todayIn,
  wallClockAt,
  type AppointmentView,
} from '@cairn/contracts';
import { firstValueFrom, forkJoin, map, type Observable } from 'rxjs';
import { rxResource } from '@angular/core/rxjs-interop';
import { noteRequestFor, notesByClient } from '../notes/notes-by-appointment';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import { PendingAction } from '../../shared/pending-action';
import { NotesApiService } from '../notes/notes-api.service';
import { SchedulingApiService } from './scheduling-api.service';

/** One appointment's details and what can be done with it now. */
@Component({
  selector: 'cairn-appointment-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ClinicTimePipe,
  ],
  template: `
    @let item = appointment();
    <section class="panel" aria-labelledby="appointment-heading">
      <header>
        <h2 id="appointment-heading">{{ kinds[item.kind] }}</h2>
        <button mat-button type="button" (click)="closed.emit()">Close</button>
      </header>
      <dl>
        <dt>When</dt>
        <dd>
          {{ item.start | clinicTime: 'date' }}, {{ item.start | clinicTime: 'time' }} –
          {{ item.end | clinicTime: 'time' }}
        </dd>
        <dt>With</dt>
        <dd>
          @if (item.prospect) {
            {{ item.prospect.name }} <span class="badge">Prospect</span>
            @if (item.prospect.email || item.prospect.phone) {
              <span class="muted">{{ item.prospect.email }} {{ item.prospect.phone }}</span>
            }
            @if (item.prospect.reason) {
              <span class="muted">{{ item.prospect.reason }}</span>
            }
          } @else {
            @for (client of item.clients; track client.id; let last = $last) {
              <a [routerLink]="[clientBase(), client.id]">{{ client.displayName }}</a>{{
                last ? '' : ' & '
              }}
            }
          }
        </dd>
        <dt>Therapist</dt>
        <dd>{{ item.therapist.displayName }}</dd>
        <dt>Where</dt>
        <dd>{{ item.location || 'Not set' }}</dd>
        <dt>Status</dt>
        <dd>
          <span
            class="badge"
            [class.off]="item.status === 'cancelled' || item.status === 'no_show'"
            >{{ statuses[item.status] }}</span
          >
          @if (item.lateCancellation) {
            <span class="badge off">Late cancellation</span>
          }
        </dd>
        @if (item.cancelReason) {
          <dt>Why cancelled</dt>
          <dd>{{ item.cancelReason }}</dd>
        }
        @if (item.overrideReason) {
          <dt>Outside hours because</dt>
          <dd>{{ item.overrideReason }}</dd>
        }
        @if (item.seriesId) {
          <dt>Series</dt>
          <dd>{{ seriesLabel() }}</dd>
        }
      </dl>

      @if (item.status === 'scheduled') {
        <div class="actions">
          <button mat-stroked-button type="button" (click)="reschedule.emit(item)">
            Reschedule
          </button>
          @if (started()) {
            <button
              mat-flat-button
              type="button"
              [disabled]="action.busy()"
              (click)="run(api.complete(item.id))"
            >
              Mark completed
            </button>
            <button
              mat-stroked-button
              type="button"
              [disabled]="action.busy()"
              (click)="run(api.noShow(item.id))"
            >
              Did not attend
            </button>
          }
          <button mat-button type="button" (click)="cancelling.set('one')">
            Cancel appointment
          </button>
        </div>
        @if (item.seriesId) {
          <div class="actions">
            <button mat-stroked-button type="button" (click)="rescheduleFollowing.emit(item)">
              Change this and following
            </button>
            <button mat-button type="button" (click)="cancelling.set('following')">
              Cancel this and following
            </button>
          </div>
        }
        @if (cancelling(); as which) {
          <form class="cancel" (ngSubmit)="cancel()">
            <mat-form-field appearance="outline">
              <mat-label>{{
                which === 'following' ? 'Reason for cancelling these' : 'Reason for cancelling'
              }}</mat-label>
              <input matInput name="reason" [(ngModel)]="reason" required maxlength="300" />
            </mat-form-field>
            <button mat-flat-button type="submit" [disabled]="action.busy() || !reason.trim()">
              {{
                which === 'following' ? 'Cancel this and all later ones' : 'Confirm cancellation'
              }}
            </button>
          </form>
        }
      }
      @if (isAdmin() && item.prospect && item.status === 'completed') {
        @if (item.convertedClientId) {
          <p>
            Client file opened:
            <a [routerLink]="['/admin/clients', item.convertedClientId]"
              >open {{ item.prospect.name }}'s file</a
            >
          </p>
        } @else {
          <button mat-flat-button type="button" [disabled]="action.busy()" (click)="convert()">
            Open a client file for {{ item.prospect.name }}
          </button>
        }
      }
      @if (canWriteNote() && documented.hasValue()) {
        <div class="actions">
          @for (client of item.clients; track client.id) {
            @if (documented.value()[client.id]; as noteId) {
              <a mat-stroked-button [routerLink]="['/therapist/notes', noteId]">
                Open note{{ item.clients.length > 1 ? ' for ' + client.displayName : '' }}
              </a>
            } @else {
              <button
                mat-stroked-button
                type="button"
                [disabled]="action.busy()"
                (click)="writeNote(client.id)"
              >
                Write note{{ item.clients.length > 1 ? ' for ' + client.displayName : '' }}
              </button>
            }
          }
        </div>
      }
      @if (action.error(); as message) {
        <p class="problem" role="alert">{{ message }}</p>
      }
    </section>
  `,
  styles: `
    .panel {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 16px;
      background: var(--mat-sys-surface-container-low);
    }
    header {
      display: flex;
      justify-content: space-between;
      align-items: center;
    }
    h2 {
      font: var(--mat-sys-title-large);
      margin: 0;
    }
    dl {
      display: grid;
      grid-template-columns: max-content minmax(0, 1fr);
      gap: 6px 16px;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      /* A telehealth link is one long word: it breaks inside the panel instead of past its edge. */
      overflow-wrap: anywhere;
    }
    .muted {
      display: block;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .badge {
      padding: 2px 8px;
      border-radius: 8px;
      font: var(--mat-sys-label-medium);
      background: var(--mat-sys-secondary-container);
      margin-right: 4px;
      &.off {
        background: var(--mat-sys-error-container);
        color: var(--mat-sys-on-error-container);
      }
    }
    .actions,
    .cancel {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: baseline;
    }
    .problem {
      color: var(--mat-sys-error);
    }
  `,
})
export class AppointmentPanelComponent {
  protected readonly api = inject(SchedulingApiService);
  private readonly notes = inject(NotesApiService);
  private readonly router = inject(Router);
  readonly appointment = input.required<AppointmentView>();
  readonly isAdmin = input(false);
  readonly timeZone = input.required<string>();
  readonly changed = output<AppointmentView>();
  readonly reschedule = output<AppointmentView>();
  readonly rescheduleFollowing = output<AppointmentView>();
  readonly closed = output();

  protected readonly kinds = APPOINTMENT_KIND_LABELS;
  protected readonly statuses = APPOINTMENT_STATUS_LABELS;
  protected readonly action = new PendingAction();
  protected readonly cancelling = signal<'one' | 'following' | null>(null);
  protected readonly seriesLabel = computed(() => {
    const series = this.appointment().series;
    if (!series) return 'Part of a repeating series';
    const every = series.intervalWeeks === 1 ? 'Every week' : `Every ${series.intervalWeeks} weeks`;
    // A cancelled one may lie past where its series now ends ("cancel this and following").
    if (this.appointment().status === 'cancelled') return `${every} (this one cancelled)`;
    return series.until ? `${every}, until ${series.until}` : `${every}, ${series.count} in all`;
  });
  protected reason = '';

  /** Completed or missed can be recorded from the appointment's own day on. */
  protected readonly started = computed(
    () =>
      wallClockAt(new Date(this.appointment().start), this.timeZone()).date <=
      todayIn(this.timeZone()),
  );
  /** The treating therapist writes the note of a session that has taken place. */
  protected readonly canWriteNote = computed(() => {
    const item = this.appointment();
    return (
      !this.isAdmin() &&
      item.clients.length > 0 &&
      item.status !== 'cancelled' &&
      (item.status === 'completed' || this.started())
    );
  });
  /**
   * Client id → the session note already written for this appointment: the panel offers to open
   * it, never to start a second one (which the server refuses).
   */
  protected readonly documented = rxResource({
    params: () => (this.canWriteNote() ? this.appointment() : undefined),
    stream: ({ params }) =>
      forkJoin(params.clients.map((client) => this.notes.forClient(client.id))).pipe(
        map((lists) => notesByClient(params.id, lists.flat())),
      ),
  });
  protected readonly clientBase = computed(() =>
    this.isAdmin() ? '/admin/clients' : '/therapist/clients',
  );

  protected run(request: Observable<AppointmentView>): Promise<void> {
    return this.action.run(async () => {
      this.changed.emit(await firstValueFrom(request));
    });
  }

  protected async cancel(): Promise<void> {
    const id = this.appointment().id;
    const reason = this.reason.trim();
    await this.run(
      this.cancelling() === 'following'
        ? this.api
            .cancelFollowing(id, reason)
            .pipe(map((result) => result.appointments[0] ?? this.appointment()))
        : this.api.cancel(id, reason),
    );
    if (!this.action.error()) {
      this.cancelling.set(null);
      this.reason = '';
    }
  }

  /** Starts the session note for this appointment, prefilled from it, and opens the editor. */
  protected writeNote(clientId: string): Promise<void> {
    return this.action.run(async () => {
      const note = await firstValueFrom(
        this.notes.create(clientId, noteRequestFor(this.appointment())),
      );
      await this.router.navigate(['/therapist/notes', note.id]);
    }, 'The note could not be started.');
  }

  protected convert(): Promise<void> {
    return this.action.run(async () => {
      const result = await firstValueFrom(this.api.convertProspect(this.appointment().id));
      this.changed.emit(result.appointment);
    });
  }
}
