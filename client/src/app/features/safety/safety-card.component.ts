import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { type ClientDetail, type SafetyScreenResultView } from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import { PendingAction } from '../../shared/pending-action';
import { SkeletonComponent } from '../../shared/skeleton.component';
import { applyAnswer, type AnswerChange } from '../assessments/questionnaire-form.component';
import { ConjointDecisionComponent } from './conjoint-decision.component';
import { isOverview, SafetyApiService } from './safety-api.service';
import { SafetyReviewComponent } from './safety-review.component';
import { SafetyScreenFormComponent } from './safety-screen-form.component';

const ANSWER_LABELS: Partial<Record<string, string>> = {
  yes: 'Yes',
  unsure: 'Not sure',
  private: 'Would rather talk alone',
  written: 'Wrote to you',
};

/**
 * Safety before conjoint work, on a chart. The treating therapist sees this client's own screens
 * (never the partner's), the couple's safety review and whether a couples session can be booked,
 * records the decision and gives the screen (in session, client alone, or to the portal). An
 * admin sees only that a review is pending, never why.
 */
@Component({
  selector: 'cairn-safety-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    SafetyReviewComponent,
    ClinicTimePipe,
    ConjointDecisionComponent,
    SafetyScreenFormComponent,
    SkeletonComponent,
  ],
  template: `
    @if (overview.isLoading() && client().partner) {
      <!-- Holds the card's place while it loads, so the chart below does not jump. -->
      <section class="card" aria-labelledby="safety-heading">
        <h2 id="safety-heading">Safety before couples work</h2>
        <cairn-skeleton label="the safety picture" [lines]="4" />
      </section>
    } @else if (overview.value(); as value) {
      @if (clinical(); as data) {
        @if (data.partner || data.reviews.length || data.screens.length) {
          <section class="card" aria-labelledby="safety-heading">
            <h2 id="safety-heading">Safety before couples work</h2>
            <p class="status" [class.blocked]="!data.conjoint.bookable">
              {{
                data.conjoint.bookable ? 'A couples session can be booked.' : data.conjoint.reason
              }}
            </p>
            @if (data.partner) {
              <p class="quiet">
                {{ data.partner.name }}:
                {{ data.partnerScreened ? 'screened' : 'not screened yet' }} (their answers stay on
                their own chart).
              </p>
            }
            @for (review of shownReviews(); track review.id) {
              <cairn-safety-review
                [review]="review"
                [fromThisClient]="review.fromScreenOf?.clientId === client().id"
              />
            }
            @if (earlierReviews().length) {
              <details class="history">
                <summary>Earlier safety reviews ({{ earlierReviews().length }})</summary>
                @for (review of earlierReviews(); track review.id) {
                  <cairn-safety-review
                    [review]="review"
                    [fromThisClient]="review.fromScreenOf?.clientId === client().id"
                  />
                }
              </details>
            }
            @if (deciding()) {
              <cairn-conjoint-decision [clientId]="client().id" (decided)="afterDecision()" />
            } @else if (data.partner) {
              <button mat-stroked-button type="button" (click)="deciding.set(true)">
                Record a decision on couples sessions
              </button>
            }

            <!-- Finished screens are history: folded away unless one is under way. -->
            <details class="history" [open]="hasOpenScreen()">
              <summary class="sub">This client's screens ({{ data.screens.length }})</summary>
              @for (screen of data.screens; track screen.id) {
                <div class="screen">
                  <p>
                    {{ screen.createdAt | clinicTime: 'date' }} ·
                    {{ screen.mode === 'portal' ? 'in the portal' : 'in session' }} ·
                    @switch (screen.status) {
                      @case ('completed') {
                        {{
                          screen.needsReview
                            ? screen.urgent
                              ? 'needs review today'
                              : 'needs review'
                            : 'no concerns answered'
                        }}
                      }
                      @case ('in_progress') {
                        in progress
                      }
                      @case ('cancelled') {
                        withdrawn
                      }
                    }
                  </p>
                  @if (screen.concerns.length) {
                    <ul class="concerns">
                      @for (concern of screen.concerns; track concern.itemId) {
                        <li>
                          {{ concern.area }}: {{ answerLabels[concern.answer] ?? concern.answer }}
                        </li>
                      }
                    </ul>
                  }
                  @if (textOf(screen); as text) {
                    <p class="written">“{{ text }}”</p>
                  }
                  @if (screen.status === 'in_progress' && screen.mode === 'in_session') {
                    @if (answering()?.id === screen.id) {
                      <cairn-safety-screen-form
                        [answers]="answering()?.answers ?? {}"
                        [busy]="action.busy()"
                        (answered)="answer($event)"
                        (finished)="complete()"
                      />
                    } @else {
                      <button mat-button type="button" (click)="answering.set(screen)">
                        Continue
                      </button>
                    }
                  }
                </div>
              } @empty {
                <p class="quiet">No safety screen yet.</p>
              }
            </details>
            @if (data.partner && !hasOpenScreen()) {
              <div class="actions">
                <button
                  mat-stroked-button
                  type="button"
                  (click)="start('in_session')"
                  [disabled]="action.busy()"
                >
                  Go through it in session (client alone)
                </button>
                @if (client().portalStatus === 'active') {
                  <button
                    mat-stroked-button
                    type="button"
                    (click)="start('portal')"
                    [disabled]="action.busy()"
                  >
                    Send to the client's portal
                  </button>
                }
              </div>
            }
            @if (action.error(); as message) {
              <p class="problem" role="alert">{{ message }}</p>
            }
          </section>
        }
      } @else if (!isOverviewValue(value) && value.reviewPending) {
        <section class="card" aria-labelledby="safety-heading">
          <header><h2 id="safety-heading">Safety review</h2></header>
          <p class="status blocked">
            A safety review is pending with the therapist. Couples sessions can be booked once they
            have recorded a decision.
          </p>
        </section>
      }
    }
  `,
  styleUrl: '../clients/clinical-card.scss',
  styles: `
    .status {
      font-weight: 500;
    }
    .sub {
      font: var(--mat-sys-title-small);
      margin: 16px 0 4px;
      cursor: pointer;
    }
    .history > summary:not(.sub) {
      cursor: pointer;
      margin: 8px 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .blocked {
      color: var(--mat-sys-error);
    }
    .quiet {
      color: var(--mat-sys-on-surface-variant);
    }
    .screen {
      padding: 8px 12px;
      margin: 8px 0;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
    }
    .screen p {
      margin: 4px 0;
    }
    .written {
      font-style: italic;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .problem {
      color: var(--mat-sys-error);
    }
  `,
})
export class SafetyCardComponent {
  private readonly api = inject(SafetyApiService);
  readonly client = input.required<ClientDetail>();

  protected readonly answerLabels = ANSWER_LABELS;
  protected readonly overview = rxResource({
    params: () => this.client().id,
    stream: ({ params }) => this.api.overview(params),
  });
  protected readonly clinical = computed(() => {
    const value = this.overview.value();
    return isOverview(value) ? value : null;
  });
  /** Pending reviews and the latest decision stay in view; older decisions fold away. */
  protected readonly shownReviews = computed(() => {
    const reviews = this.clinical()?.reviews ?? [];
    const pending = reviews.filter((review) => review.status === 'pending');
    const latestDecided = reviews.find((review) => review.status !== 'pending');
    return latestDecided ? [...pending, latestDecided] : pending;
  });
  protected readonly earlierReviews = computed(() => {
    const shown = new Set(this.shownReviews());
    return (this.clinical()?.reviews ?? []).filter((review) => !shown.has(review));
  });
  protected readonly hasOpenScreen = computed(
    () => this.clinical()?.screens.some((screen) => screen.status === 'in_progress') ?? false,
  );
  protected readonly deciding = signal(false);
  protected readonly answering = signal<SafetyScreenResultView | null>(null);
  protected readonly action = new PendingAction();
  protected readonly isOverviewValue = isOverview;

  protected textOf(screen: SafetyScreenResultView): string | null {
    const text = screen.answers['anythingElse'];
    return typeof text === 'string' && text.trim() ? text : null;
  }

  protected async start(mode: 'in_session' | 'portal'): Promise<void> {
    await this.action.run(async () => {
      const screen = await firstValueFrom(this.api.create(this.client().id, { mode }));
      if (mode === 'in_session') this.answering.set(screen);
      this.overview.reload();
    }, 'The screen could not be started.');
  }

  protected async answer(change: AnswerChange): Promise<void> {
    const current = this.answering();
    if (!current) return;
    this.answering.set({ ...current, answers: applyAnswer(current.answers, change) });
    const value = change.value === null ? null : String(change.value);
    await this.action.run(async () => {
      this.answering.set(
        await firstValueFrom(this.api.saveAnswers(current.id, { [change.itemId]: value })),
      );
    }, 'The answer could not be saved.');
  }

  protected async complete(): Promise<void> {
    const current = this.answering();
    if (!current) return;
    await this.action.run(async () => {
      await firstValueFrom(this.api.complete(current.id));
      this.answering.set(null);
      this.overview.reload();
    }, 'The screen could not be finished.');
  }

  protected afterDecision(): void {
    this.deciding.set(false);
    this.overview.reload();
  }
}
