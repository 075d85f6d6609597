import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
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
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
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
    RouterLink,
    MatButtonModule,
    ClientFormComponent,
    CareTeamCardComponent,
    PortalCardComponent,
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
