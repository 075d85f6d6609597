import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { MySafetyScreen } from '@cairn/contracts';
import { firstValueFrom, map } from 'rxjs';
import { LatestResponse } from '../../shared/latest-response';
import { PendingAction } from '../../shared/pending-action';
import { applyAnswer, type AnswerChange } from '../assessments/questionnaire-form.component';
import { CrisisPanelComponent } from '../support/crisis-panel.component';
import { SafetyScreenFormComponent } from './safety-screen-form.component';
import { MySafetyApiService } from './safety-api.service';

/**
 * The client answers their safety screen alone, in their own portal. Every answer is saved as
 * given. Help is shown to everyone at the end, whatever they answered, so the page never hints
 * at what the answers were.
 */
@Component({
  selector: 'cairn-my-safety-screen',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, SafetyScreenFormComponent, CrisisPanelComponent],
  template: `
    <a routerLink="/portal/questionnaires" class="back">← Questionnaires</a>
    <h1>Before joint sessions</h1>
    @if (screen(); as current) {
      @if (current.status === 'in_progress') {
        <cairn-safety-screen-form
          [answers]="current.answers"
          [oneAtATime]="phone()"
          [busy]="action.busy()"
          finishLabel="Send to my therapist"
          (answered)="answer($event)"
          (finished)="finish()"
        />
        @if (action.error(); as message) {
          <p class="problem" role="alert">{{ message }}</p>
        }
      } @else {
        <p class="thanks" role="status">
          Thank you. Your answers are with your therapist only, who will talk them through with you
          before any joint session.
        </p>
        <cairn-crisis-panel [support]="current.support" heading="If you ever need help" />
      }
    }
  `,
  styles: `
    .back {
      color: var(--mat-sys-primary);
    }
    h1 {
      font: var(--mat-sys-headline-small);
    }
    .thanks {
      font: var(--mat-sys-title-medium);
    }
    .problem {
      color: var(--mat-sys-error);
    }
  `,
})
export class MySafetyScreenPage {
  private readonly api = inject(MySafetyApiService);
  readonly id = input.required<string>();
  protected readonly phone = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 600px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  private readonly loaded = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.api.get(params),
  });
  protected readonly screen = computed(() => (this.loaded.hasValue() ? this.loaded.value() : null));
  protected readonly action = new PendingAction();

  protected async answer(change: AnswerChange): Promise<void> {
    const current = this.screen();
    if (!current) return;
    this.loaded.set({ ...current, answers: applyAnswer(current.answers, change) });
    const value = change.value === null ? null : String(change.value);
    await this.save(() =>
      firstValueFrom(this.api.saveAnswers(current.id, { [change.itemId]: value })),
    );
  }

  protected finish(): Promise<void> {
    return this.save(() => firstValueFrom(this.api.complete(this.id())));
  }

  private readonly latest = new LatestResponse();

  private async save(work: () => Promise<MySafetyScreen>): Promise<void> {
    const isLatest = this.latest.next();
    await this.action.run(async () => {
      const screen = await work();
      if (isLatest()) this.loaded.set(screen);
    }, 'Your answer could not be saved. Please try again.');
  }
}
