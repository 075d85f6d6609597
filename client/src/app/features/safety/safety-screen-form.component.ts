import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { Answers } from '@cairn/contracts';
import { evaluateSafetyScreen, SAFETY_SCREEN } from '@cairn/instruments';
import {
  QuestionnaireFormComponent,
  type AnswerChange,
} from '../assessments/questionnaire-form.component';

/**
 * The safety screen as a form, for whoever answers it (the client in their portal, or the
 * therapist with the client alone in session). Self-contained: answers in, changes and "done"
 * out. It says nothing about what the answers mean: that is for the therapist's view.
 */
@Component({
  selector: 'cairn-safety-screen-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, QuestionnaireFormComponent],
  template: `
    <p class="instructions">{{ definition.instructions }}</p>
    <cairn-questionnaire-form
      [definition]="definition"
      [answers]="answers()"
      [oneAtATime]="oneAtATime()"
      [readonly]="readonly()"
      (answered)="answered.emit($event)"
    />
    @if (!readonly()) {
      <button
        mat-flat-button
        type="button"
        (click)="finished.emit()"
        [disabled]="busy() || !ready()"
      >
        {{ finishLabel() }}
      </button>
    }
  `,
  styles: `
    .instructions {
      font: var(--mat-sys-body-large);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class SafetyScreenFormComponent {
  protected readonly definition = SAFETY_SCREEN;
  readonly answers = input.required<Answers>();
  readonly oneAtATime = input(false);
  readonly readonly = input(false);
  readonly busy = input(false);
  readonly finishLabel = input('Finish');
  readonly answered = output<AnswerChange>();
  readonly finished = output();
  protected readonly ready = computed(() => evaluateSafetyScreen(this.answers()).complete);
}
