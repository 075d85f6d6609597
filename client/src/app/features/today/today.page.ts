import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import {
  APPOINTMENT_KIND_LABELS,
  APPOINTMENT_STATUS_LABELS,
  instantAt,
  todayIn,
  wallClockAt,
  type AppointmentView,
} from '@cairn/contracts';
import { firstValueFrom, forkJoin, map, of } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import { formatCalendarDay, formatTimeRange, nextDay } from '../../shared/dates';
import { PendingAction } from '../../shared/pending-action';
import { SkeletonComponent } from '../../shared/skeleton.component';
import { AssessmentsApiService } from '../assessments/assessments-api.service';
import { noteRequestFor, notesByAppointment } from '../notes/notes-by-appointment';
import { NotesApiService } from '../notes/notes-api.service';
import { SchedulingApiService } from '../scheduling/scheduling-api.service';
import { groupAttention, type AttentionKind } from './attention-groups';

const KIND_LABELS: Record<AttentionKind, string> = {
  risk: 'Open risk',
  safety_review: 'Safety review',
  deterioration: 'Worsening',
  late_note: 'Late note',
  overdue: 'Overdue',
  low_adherence: 'Follow-through',
};

/** Chip colour per kind: risk distinct but calm; lateness amber; the rest quiet. */
const KIND_TONE: Record<AttentionKind, string> = {
  risk: 'risk',
  safety_review: 'risk',
  deterioration: 'warn',
  late_note: 'late',
  overdue: 'info',
  low_adherence: 'info',
};

interface DaySessions {
  day: string;
  label: string;
  headingId: string;
  items: AppointmentView[];
}

/**
 * The therapist's first screen: who they see today and tomorrow (with the session's note one
 * click away) and what needs them, grouped by client and ranked, each with one action.
 */
@Component({
  selector: 'cairn-today',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, ClinicTimePipe, SkeletonComponent],
  templateUrl: './today.page.html',
  styleUrl: './today.page.scss',
})
export class TodayPage {
  private readonly auth = inject(AuthService);
  private readonly scheduling = inject(SchedulingApiService);
  private readonly notes = inject(NotesApiService);
  private readonly assessments = inject(AssessmentsApiService);
  private readonly router = inject(Router);

  protected readonly kindLabels = APPOINTMENT_KIND_LABELS;
  protected readonly statusLabels = APPOINTMENT_STATUS_LABELS;
  protected readonly attentionLabels = KIND_LABELS;
  protected readonly attentionTone = KIND_TONE;
  protected readonly action = new PendingAction();

  private readonly timeZone = this.auth.user()?.clinicTimeZone ?? 'UTC';
  protected readonly today = todayIn(this.timeZone);
  protected readonly tomorrow = nextDay(this.today);
  protected readonly todayLong = new Intl.DateTimeFormat('en-US', {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${this.today}T00:00:00Z`));

  protected readonly appointments = rxResource({
    stream: () =>
      this.scheduling.list({
        therapistId: this.auth.user()?.id,
        from: instantAt(`${this.today}T00:00`, this.timeZone).toISOString(),
        to: instantAt(`${nextDay(this.tomorrow)}T00:00`, this.timeZone).toISOString(),
      }),
  });

  /** Appointment id → client id → its session note, for the sessions listed. */
  protected readonly written = rxResource({
    params: () => (this.appointments.hasValue() ? this.appointments.value() : undefined),
    stream: ({ params }) => {
      const clientIds = [...new Set(params.flatMap((item) => item.clients.map((c) => c.id)))];
      if (clientIds.length === 0) return of<Record<string, Record<string, string>>>({});
      return forkJoin(clientIds.map((id) => this.notes.forClient(id))).pipe(
        map((lists) => notesByAppointment(lists.flat())),
      );
    },
  });

  protected readonly attention = rxResource({ stream: () => this.assessments.attention() });
  protected readonly groups = computed(() =>
    this.attention.hasValue() ? groupAttention(this.attention.value()) : [],
  );

  protected readonly days = computed<DaySessions[]>(() => {
    const items = this.appointments.hasValue() ? this.appointments.value() : [];
    const dayOf = (item: AppointmentView) => wallClockAt(new Date(item.start), this.timeZone).date;
    return [
      { day: this.today, label: 'Today', headingId: 'today-sessions' },
      { day: this.tomorrow, label: 'Tomorrow', headingId: 'tomorrow-sessions' },
    ].map((day) => ({
      ...day,
      label: `${day.label} · ${formatCalendarDay(day.day)}`,
      items: items
        .filter((item) => dayOf(item) === day.day)
        .sort((a, b) => a.start.localeCompare(b.start)),
    }));
  });

  protected timeRange(item: AppointmentView): string {
    return formatTimeRange(item.start, item.end, this.timeZone);
  }

  /** The note of a session can be written from its own day on, unless it was cancelled. */
  protected canWrite(item: AppointmentView, day: string): boolean {
    return item.status !== 'cancelled' && day <= this.today && item.clients.length > 0;
  }

  protected noteFor(item: AppointmentView, clientId: string): string | null {
    if (!this.written.hasValue()) return null;
    return this.written.value()[item.id]?.[clientId] ?? null;
  }

  protected async writeNote(item: AppointmentView, clientId: string): Promise<void> {
    await this.action.run(async () => {
      const note = await firstValueFrom(this.notes.create(clientId, noteRequestFor(item)));
      await this.router.navigate(['/therapist/notes', note.id]);
    }, 'The note could not be started.');
  }
}
