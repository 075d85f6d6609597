import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import {
  CLIENT_STATUS_LABELS,
  TREATMENT_PHASE_LABELS,
  type ClientDetail,
  type FieldProblem,
  todayIn,
} from '@cairn/contracts';
import { firstValueFrom, map, of } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { CalendarDayPipe } from '../../shared/calendar-day.pipe';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import { SkeletonComponent } from '../../shared/skeleton.component';
import { AssessmentsApiService } from '../assessments/assessments-api.service';
import { SchedulingApiService } from '../scheduling/scheduling-api.service';
import { ageOn } from '../../shared/age';
import { PendingAction } from '../../shared/pending-action';
import { errorMessage, fieldProblems } from '../../shared/api-error';
import { CareTeamCardComponent } from './care-team-card.component';
import { ClientFormComponent, type ClientFormValue } from './client-form.component';
import { ClientsApiService } from './clients-api.service';
import { MeasuresCardComponent } from '../assessments/measures-card.component';
import { NotesCardComponent } from '../notes/notes-card.component';
import { ReportListCardComponent } from '../progress/report-list-card.component';
import { ClientAppointmentsCardComponent } from '../scheduling/client-appointments-card.component';
import { HomeworkCardComponent } from '../homework/homework-card.component';
import { IntakeCardComponent } from './intake-card.component';
import { PartnerCardComponent } from './partner-card.component';
import { PhaseCardComponent } from './phase-card.component';
import { MessagesCardComponent } from './messages-card.component';
import { RecordExportsCardComponent } from '../record-export/record-exports-card.component';
import { PortalCardComponent } from './portal-card.component';
import { TimelineCardComponent } from './timeline-card.component';
import { SafetyCardComponent } from '../safety/safety-card.component';

/**
 * A client file. The admin sees and runs the demographic file (assignment, portal); the treating
 * therapist sees the chart, with the clinical cards the API sends only to them.
 */
@Component({
  selector: 'cairn-client-file',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CalendarDayPipe,
    RouterLink,
    MatButtonModule,
    ClinicTimePipe,
    SkeletonComponent,
    ClientFormComponent,
    CareTeamCardComponent,
    PortalCardComponent,
    MessagesCardComponent,
    RecordExportsCardComponent,
    PartnerCardComponent,
    IntakeCardComponent,
    TimelineCardComponent,
    PhaseCardComponent,
    MeasuresCardComponent,
    NotesCardComponent,
    ReportListCardComponent,
    ClientAppointmentsCardComponent,
    HomeworkCardComponent,
    SafetyCardComponent,
  ],
  templateUrl: './client-file.page.html',
  styleUrl: './client-file.page.scss',
})
export class ClientFilePage {
  private readonly api = inject(ClientsApiService);
  private readonly auth = inject(AuthService);
  private readonly scheduling = inject(SchedulingApiService);
  private readonly assessments = inject(AssessmentsApiService);
  private observer: IntersectionObserver | null = null;
  private chosenUntil = 0;

  constructor() {
    // Watches which section is at the top of the view, once the sections are on the page.
    afterRenderEffect(() => {
      const count = this.sections().length;
      this.observer?.disconnect();
      if (!count || typeof IntersectionObserver === 'undefined') return;
      this.observer = new IntersectionObserver(
        (entries) => {
          const visible = entries
            .filter((entry) => entry.isIntersecting)
            .sort((a, b) => a.boundingClientRect.top - b.boundingClientRect.top)[0];
          // A section just chosen in the bar stays marked while the view settles on it.
          if (visible && Date.now() > this.chosenUntil) {
            this.current.set(visible.target.id.replace(/^chart-/, ''));
          }
        },
        { rootMargin: '-30% 0px -60% 0px' },
      );
      for (const section of document.querySelectorAll('.chart-section')) {
        this.observer.observe(section);
      }
    });
    inject(DestroyRef).onDestroy(() => this.observer?.disconnect());
  }

  /**
   * Brings a section into view and moves focus to its first heading, so a screen reader names
   * where the reader now is and the keyboard carries on from there.
   */
  protected jump(id: string): void {
    const section = document.getElementById(`chart-${id}`);
    if (!section) return;
    this.current.set(id);
    this.chosenUntil = Date.now() + 1500;
    section.scrollIntoView({ block: 'start' });
    const heading = section.querySelector<HTMLElement>('h2');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
  }

  protected editDetails(): void {
    this.editing.set(true);
    this.jump('overview');
  }

  /** Route parameter and route data. */
  readonly id = input.required<string>();
  readonly area = input<'admin' | 'therapist'>('therapist');

  protected readonly statusLabels = CLIENT_STATUS_LABELS;
  protected readonly phaseLabels = TREATMENT_PHASE_LABELS;
  protected readonly base = computed(() =>
    this.area() === 'admin' ? '/admin/clients' : '/therapist/clients',
  );
  protected readonly backLabel = computed(() => (this.area() === 'admin' ? 'Clients' : 'Caseload'));
  protected readonly backLink = computed(() =>
    this.area() === 'admin' ? '/admin/clients' : '/therapist/caseload',
  );

  protected readonly file = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.api.get(params),
  });
  protected readonly client = computed(() => (this.file.hasValue() ? this.file.value() : null));
  protected readonly age = computed(() => {
    const dateOfBirth = this.client()?.dateOfBirth;
    return dateOfBirth ? ageOn(dateOfBirth, todayIn(this.auth.user()?.clinicTimeZone)) : null;
  });
  protected readonly loadError = computed(() =>
    this.file.error() ? errorMessage(this.file.error(), 'The file could not be loaded.') : null,
  );

  /** The next booked appointment, for the header. */
  protected readonly next = rxResource({
    params: () => this.id(),
    stream: ({ params }) => {
      const from = new Date();
      const to = new Date(from.getTime() + 92 * 24 * 60 * 60 * 1000);
      return this.scheduling
        .list({
          clientId: params,
          from: from.toISOString(),
          to: to.toISOString(),
          status: 'scheduled',
        })
        .pipe(map((items) => [...items].sort((a, b) => a.start.localeCompare(b.start))[0] ?? null));
    },
  });
  /** Risk flags, read only for the treating therapist (the one who sees the clinical chart). */
  protected readonly flags = rxResource({
    params: () => (this.client()?.clinical ? this.id() : undefined),
    stream: ({ params }) => (params ? this.assessments.riskFlags(params) : of([])),
  });
  protected readonly openRisk = computed(() =>
    this.flags.hasValue() ? this.flags.value().filter((flag) => !flag.acknowledgedAt).length : 0,
  );

  protected readonly showNotes = computed(() => {
    const client = this.client();
    return !!client && (!!client.clinical || client.access.progress_note.includes('view'));
  });
  protected readonly sections = computed(() => {
    const client = this.client();
    if (!client) return [];
    const all: { id: string; label: string; shown: boolean }[] = [
      { id: 'overview', label: 'Overview', shown: true },
      { id: 'notes', label: 'Notes', shown: this.showNotes() },
      { id: 'measures', label: 'Measures', shown: !!client.clinical },
      { id: 'homework', label: 'Homework', shown: !!client.clinical },
      { id: 'history', label: 'Intake & history', shown: !!client.clinical },
      { id: 'schedule', label: 'Schedule', shown: true },
    ];
    return all.filter((section) => section.shown);
  });
  /** The section in view, marked in the section bar as the reader scrolls. */
  protected readonly current = signal('overview');

  protected readonly editing = signal(false);
  protected readonly problems = signal<FieldProblem[]>([]);
  protected readonly action = new PendingAction();

  protected replace(client: ClientDetail): void {
    this.file.set(client);
  }

  protected reload(): void {
    this.file.reload();
  }

  protected async save(value: ClientFormValue): Promise<void> {
    const { primaryTherapistId: _ignored, ...demographics } = value;
    await this.action.run(
      async () => {
        this.replace(await firstValueFrom(this.api.update(this.id(), demographics)));
        this.editing.set(false);
        this.problems.set([]);
      },
      'The file could not be saved.',
      (error: unknown) => {
        this.problems.set(fieldProblems(error));
      },
    );
  }
}
