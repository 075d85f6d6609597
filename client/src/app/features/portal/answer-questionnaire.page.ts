import { BreakpointObserver } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  type ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { AssessmentDetail } from '@cairn/contracts';
import { findInstrument, scoreAnswers } from '@cairn/instruments';
import { firstValueFrom, map } from 'rxjs';
import { LatestResponse } from '../../shared/latest-response';
import { PendingAction } from '../../shared/pending-action';
import { MyQuestionnairesApiService } from '../assessments/assessments-api.service';
import {
  applyAnswer,
  QuestionnaireFormComponent,
  type AnswerChange,
} from '../assessments/questionnaire-form.component';
import { ResultSummaryComponent } from '../assessments/result-summary.component';
import { CrisisPanelComponent } from '../support/crisis-panel.component';

/**
 * Answering a questionnaire in the portal: one question at a time on a phone, a list on a larger
 * screen. Every answer is saved as it is given, so the client can stop and come back.
 */
import { SkeletonComponent } from '../../shared/skeleton.component';
@Component({
  selector: 'cairn-answer-questionnaire',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    SkeletonComponent,
    RouterLink,
    MatButtonModule,
    QuestionnaireFormComponent,
    ResultSummaryComponent,
    CrisisPanelComponent,
  ],
  template: `
    <a routerLink="/portal/questionnaires" class="back">← Questionnaires</a>
    @if (assessment(); as assessment) {
      @if (definition(); as definition) {
        @switch (assessment.status) {
          @case ('in_progress') {
            <h1>{{ definition.clientTitle ?? definition.title }}</h1>
            <p class="instructions">{{ definition.instructions }}</p>
            @if (assessment.indexEvent; as event) {
              <p class="event">
                Please keep in mind: <strong>{{ event.description }}</strong>
              </p>
            }
            @if (assessment.support; as support) {
              <cairn-crisis-panel [support]="support" heading="You are not alone with this" />
            }
            <cairn-questionnaire-form
              [definition]="definition"
              [answers]="assessment.answers"
              [oneAtATime]="phone()"
              (answered)="answer($event)"
            />
            @if (action.error(); as message) {
              <p class="problem" role="alert">{{ message }}</p>
            }
            <p class="saved">Your answers are saved as you go; you can stop and come back.</p>
            <button
              mat-flat-button
              type="button"
              (click)="finish()"
              [disabled]="action.busy() || !ready()"
            >
              Send to my therapist
            </button>
          }
          @case ('completed') {
            <!-- The completion screen: calm words, a way home, and focus on its heading. -->
            <p class="what">{{ definition.clientTitle ?? definition.title }}</p>
            <h1 #doneHeading tabindex="-1" class="thanks">
              Thank you. Your answers are with your therapist.
            </h1>
            <p class="next">There is nothing more to do here. Take a moment for yourself.</p>
            <p class="home">
              <a mat-flat-button routerLink="/portal/home">Back to home</a>
            </p>
            @if (assessment.support; as support) {
              <cairn-crisis-panel [support]="support" heading="You are not alone with this" />
            }
            @if (assessment.result; as result) {
              <cairn-result-summary
                [definition]="definition"
                [result]="result"
                [interpretation]="assessment.interpretation"
              />
            }
          }
        }
      }
    } @else if (!loaded.error()) {
      <cairn-skeleton label="the questionnaire" [lines]="5" />
    }
  `,
  styles: `
    .back {
      color: var(--mat-sys-primary);
    }
    h1 {
      font: var(--mat-sys-headline-small);
    }
    .instructions,
    .saved {
      color: var(--mat-sys-on-surface-variant);
    }
    .what,
    .next {
      color: var(--mat-sys-on-surface-variant);
    }
    .what {
      margin: var(--cairn-space-4) 0 0;
    }
    .thanks {
      font: var(--mat-sys-headline-small);
      margin: var(--cairn-space-2) 0;
    }
    .home {
      margin: var(--cairn-space-5) 0;
    }
    .problem {
      color: var(--mat-sys-error);
    }
  `,
})
export class AnswerQuestionnairePage {
  private readonly api = inject(MyQuestionnairesApiService);
  readonly id = input.required<string>();

  protected readonly phone = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 600px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly loaded = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.api.get(params),
  });
  protected readonly assessment = computed(() =>
    this.loaded.hasValue() ? this.loaded.value() : null,
  );
  protected readonly definition = computed(() => {
    const assessment = this.assessment();
    // Answered in the version it was given in.
    return assessment
      ? (findInstrument(assessment.instrumentCode, assessment.instrumentVersion) ?? null)
      : null;
  });
  protected readonly ready = computed(() => {
    const assessment = this.assessment();
    const definition = this.definition();
    return !!assessment && !!definition && scoreAnswers(definition, assessment.answers).complete;
  });
  protected readonly action = new PendingAction();

  protected async answer(change: AnswerChange): Promise<void> {
    const current = this.assessment();
    if (!current) return;
    this.loaded.set({ ...current, answers: applyAnswer(current.answers, change) });
    await this.save(() =>
      firstValueFrom(this.api.saveAnswers(current.id, { [change.itemId]: change.value })),
    );
  }

  protected async finish(): Promise<void> {
    await this.save(() => firstValueFrom(this.api.complete(this.id())));
    if (this.assessment()?.status === 'completed') this.justFinished.set(true);
  }

  /** Sending replaces the form under the person's focus: take it to the completion heading. */
  private readonly justFinished = signal(false);
  private readonly doneHeading = viewChild<ElementRef<HTMLElement>>('doneHeading');

  constructor() {
    effect(() => {
      const heading = this.doneHeading();
      if (heading && this.justFinished()) heading.nativeElement.focus();
    });
  }

  private readonly latest = new LatestResponse();

  private async save(work: () => Promise<AssessmentDetail>): Promise<void> {
    const isLatest = this.latest.next();
    await this.action.run(async () => {
      const detail = await this.latest.inTurn(work);
      if (isLatest()) this.loaded.set(detail);
    }, 'Your answer could not be saved. Please try again.');
  }
}
