import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  linkedSignal,
  output,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { AnswerValue, Answers } from '@cairn/contracts';
import type { InstrumentDefinition, InstrumentItem } from '@cairn/instruments';

export interface AnswerChange {
  itemId: string;
  value: AnswerValue | null;
}

/** The answers with one change applied: what to show at once, before the server confirms it. */
export function applyAnswer(answers: Answers, change: AnswerChange): Answers {
  const next = { ...answers };
  if (change.value === null) delete next[change.itemId];
  else next[change.itemId] = change.value;
  return next;
}

/**
 * The items of an instrument as a form. Native radio groups keep it keyboard-friendly (arrow keys
 * move within an item, Tab to the next). "One at a time" suits a phone: each answer moves on.
 * The form holds no state of its own beyond the current question; answers come in and go out.
 */
@Component({
  selector: 'cairn-questionnaire-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatProgressBarModule],
  templateUrl: './questionnaire-form.component.html',
  styleUrl: './questionnaire-form.component.scss',
})
export class QuestionnaireFormComponent {
  readonly definition = input.required<InstrumentDefinition>();
  readonly answers = input.required<Answers>();
  readonly oneAtATime = input(false);
  readonly readonly = input(false);
  readonly answered = output<AnswerChange>();

  protected readonly items = computed(() => this.definition().items);
  /**
   * The question shown one at a time: it opens at the first unanswered one, then moves only when
   * the person moves. It must not follow the answers: answering the last open question would
   * jump back to the first ("7 of 7 answered" under "Question 2 of 7").
   */
  protected readonly current = linkedSignal({
    source: this.items,
    computation: (items) => untracked(() => firstOpenQuestion(items, this.answers())),
  });
  protected readonly visible = computed(() =>
    this.oneAtATime() ? this.items().slice(this.current(), this.current() + 1) : this.items(),
  );
  protected readonly progress = computed(() => {
    const answered = this.items().filter((item) => this.answers()[item.id] !== undefined).length;
    return {
      answered,
      total: this.items().length,
      percent: (100 * answered) / Math.max(1, this.items().length),
    };
  });

  protected options(item: InstrumentItem): { value: string; label: string }[] {
    switch (item.kind) {
      case 'scale':
        return (this.definition().scales[item.scale] ?? []).map((option) => ({
          value: String(option.value),
          label: option.label,
        }));
      case 'choice':
      case 'multi-choice':
        return item.options;
      case 'yes-no':
        return [
          { value: 'true', label: 'Yes' },
          { value: 'false', label: 'No' },
        ];
      case 'text':
        return [];
    }
  }

  protected isChecked(item: InstrumentItem, value: string): boolean {
    const answer = this.answers()[item.id];
    if (Array.isArray(answer)) return answer.includes(value);
    return answer !== undefined && String(answer) === value;
  }

  protected choose(item: InstrumentItem, raw: string): void {
    const value: AnswerValue =
      item.kind === 'scale' ? Number(raw) : item.kind === 'yes-no' ? raw === 'true' : raw;
    this.answered.emit({ itemId: item.id, value });
    if (this.oneAtATime()) this.next();
  }

  protected toggle(item: InstrumentItem, value: string, checked: boolean): void {
    const current = this.answers()[item.id];
    const chosen = Array.isArray(current) ? current.filter((entry) => entry !== value) : [];
    const next = checked ? [...chosen, value] : chosen;
    this.answered.emit({ itemId: item.id, value: next });
  }

  protected write(item: InstrumentItem, text: string): void {
    const current = this.answers()[item.id];
    if ((current ?? '') === text) return;
    this.answered.emit({ itemId: item.id, value: text.trim() === '' ? null : text });
  }

  protected textOf(item: InstrumentItem): string {
    const answer = this.answers()[item.id];
    return typeof answer === 'string' ? answer : '';
  }

  protected next(): void {
    this.current.update((index) => Math.min(index + 1, this.items().length - 1));
  }

  protected back(): void {
    this.current.update((index) => Math.max(index - 1, 0));
  }
}

/** Where one-at-a-time answering starts: the first unanswered question, or the last when all are. */
export function firstOpenQuestion(items: readonly InstrumentItem[], answers: Answers): number {
  const firstOpen = items.findIndex((item) => answers[item.id] === undefined);
  return firstOpen === -1 ? Math.max(items.length - 1, 0) : firstOpen;
}
