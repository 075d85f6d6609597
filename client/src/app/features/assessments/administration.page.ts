import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { RouterLink } from '@angular/router';
import type { AssessmentDetail } from '@cairn/contracts';
import { findInstrument, scoreAnswers } from '@cairn/instruments';
import { firstValueFrom } from 'rxjs';
import { CalendarDayPipe } from '../../shared/calendar-day.pipe';
import { LatestResponse } from '../../shared/latest-response';
import { PendingAction } from '../../shared/pending-action';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import { AssessmentsApiService } from './assessments-api.service';
import {
  applyAnswer,
  QuestionnaireFormComponent,
  type AnswerChange,
} from './questionnaire-form.component';
import { CrisisPanelComponent } from '../support/crisis-panel.component';
import { ResultSummaryComponent } from './result-summary.component';

/**
 * One administration, for the treating therapist: answer it in session with a live score from the
 * shared scorer, or follow a portal one; then the result, its risk flags and sharing.
 */
import { SkeletonComponent } from '../../shared/skeleton.component';
@Component({
  selector: 'cairn-administration',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CalendarDayPipe,
    SkeletonComponent,
    RouterLink,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSlideToggleModule,
    ClinicTimePipe,
    QuestionnaireFormComponent,
    ResultSummaryComponent,
    CrisisPanelComponent,
  ],
  templateUrl: './administration.page.html',
  styleUrl: './administration.page.scss',
})
export class AdministrationPage {
  private readonly api = inject(AssessmentsApiService);

  /** Route parameters. */
  readonly id = input.required<string>();
  readonly assessmentId = input.required<string>();

  protected readonly loaded = rxResource({
    params: () => this.assessmentId(),
    stream: ({ params }) => this.api.get(params),
  });
  protected readonly assessment = computed(() =>
    this.loaded.hasValue() ? this.loaded.value() : null,
  );
  protected readonly definition = computed(() => {
    const assessment = this.assessment();
    // Read in the version it was given in: an old administration keeps its old items.
    return assessment
      ? (findInstrument(assessment.instrumentCode, assessment.instrumentVersion) ?? null)
      : null;
  });
  protected readonly preview = computed(() => {
    const assessment = this.assessment();
    const definition = this.definition();
    return assessment && definition ? scoreAnswers(definition, assessment.answers) : null;
  });
  protected readonly openRisks = computed(() =>
    (this.assessment()?.risks ?? []).filter((risk) => !risk.acknowledgedAt),
  );
  protected readonly action = new PendingAction();
  protected note = '';

  protected ruleState(met: boolean | null): string {
    if (met === null) return 'not yet known (items still unanswered)';
    return met ? 'met (provisional)' : 'not met';
  }

  protected async answer(change: AnswerChange): Promise<void> {
    const current = this.assessment();
    if (!current) return;
    // Show the answer at once; the server's reply (with any new risk flag) replaces it.
    this.loaded.set({ ...current, answers: applyAnswer(current.answers, change) });
    const isLatest = this.latest.next();
    await this.action.run(
      async () => {
        const saved = await this.latest.inTurn(() =>
          firstValueFrom(this.api.saveAnswers(current.id, { [change.itemId]: change.value })),
        );
        // A reply to an earlier answer never undoes one given since.
        if (isLatest()) this.loaded.set(saved);
      },
      undefined,
      () => {
        this.loaded.reload();
      },
    );
  }

  private readonly latest = new LatestResponse();

  protected complete(): Promise<void> {
    // After every answer already sent: completing checks what the server holds.
    return this.run(() =>
      this.latest.inTurn(() => firstValueFrom(this.api.complete(this.assessmentId()))),
    );
  }

  protected cancel(): Promise<void> {
    return this.run(() => firstValueFrom(this.api.cancel(this.assessmentId())));
  }

  protected share(shared: boolean): Promise<void> {
    return this.run(() => firstValueFrom(this.api.share(this.assessmentId(), shared)));
  }

  protected async acknowledge(): Promise<void> {
    await this.run(async () => {
      await firstValueFrom(this.api.acknowledgeRisk(this.assessmentId(), this.note.trim() || null));
      this.note = '';
      return firstValueFrom(this.api.get(this.assessmentId()));
    });
  }

  protected async downloadFhir(): Promise<void> {
    const resource = await firstValueFrom(this.api.fhir(this.assessmentId()));
    const url = URL.createObjectURL(
      new Blob([JSON.stringify(resource, null, 2)], { type: 'application/fhir+json' }),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = `questionnaire-response-${this.assessmentId()}.json`;
    link.click();
    URL.revokeObjectURL(url);
  }

  private async run(work: () => Promise<AssessmentDetail>): Promise<void> {
    await this.action.run(
      async () => {
        this.loaded.set(await work());
      },
      undefined,
      () => {
        this.loaded.reload();
      },
    );
  }
}
