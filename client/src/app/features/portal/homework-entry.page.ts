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
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { RouterLink } from '@angular/router';
import type { CheckInAnswers, MyHomeworkEntry } from '@cairn/contracts';
import { checkInForm, type CheckInScaleItem } from '@cairn/instruments';
import { firstValueFrom } from 'rxjs';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import { PendingAction } from '../../shared/pending-action';
import { MyHomeworkApiService } from '../homework/homework-api.service';
import { ReadingViewComponent } from '../readings/reading-view.component';

/**
 * Doing one piece of homework: mark a task done (with a note if you like), write a journal entry
 * (and keep it to yourself if you wish), or fill in a check-in. An entry can be changed for 24
 * hours, then it stays as written.
 */
import { SkeletonComponent } from '../../shared/skeleton.component';
@Component({
  selector: 'cairn-homework-entry',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    SkeletonComponent,
    RouterLink,
    FormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    ClinicTimePipe,
    ReadingViewComponent,
  ],
  templateUrl: './homework-entry.page.html',
  styleUrl: './homework-entry.page.scss',
})
export class HomeworkEntryPage {
  private readonly api = inject(MyHomeworkApiService);

  /** Route parameter and query parameter (an earlier occurrence still open). */
  readonly id = input.required<string>();
  readonly on = input<string | undefined>(undefined);

  protected readonly homework = rxResource({ stream: () => this.api.list() });
  protected readonly assignment = computed(() =>
    this.homework.value()?.assignments.find((item) => item.id === this.id()),
  );
  protected readonly form = computed(() => {
    const code = this.assignment()?.checkInForm;
    return code ? checkInForm(code) : undefined;
  });
  /** The day this entry is for: the one asked for, else the occurrence covering today. */
  protected readonly occursOn = computed(
    () => this.on() ?? this.assignment()?.current?.occursOn ?? null,
  );
  protected readonly existing = signal<MyHomeworkEntry | null>(null);
  protected readonly saved = signal(false);
  protected readonly action = new PendingAction();

  protected note = '';
  protected keepPrivate = false;
  protected answers: CheckInAnswers = {};

  /** Where focus goes once the screen it belongs to is drawn: its heading, never the bare page. */
  private readonly focusNext = signal<'done' | 'form' | null>(null);
  private readonly doneHeading = viewChild<ElementRef<HTMLElement>>('doneHeading');
  private readonly formHeading = viewChild<ElementRef<HTMLElement>>('formHeading');

  constructor() {
    effect(() => {
      const target = this.focusNext();
      const heading =
        target === 'done' ? this.doneHeading() : target === 'form' ? this.formHeading() : undefined;
      if (!heading) return;
      if (!heading.nativeElement.hasAttribute('tabindex'))
        heading.nativeElement.setAttribute('tabindex', '-1');
      heading.nativeElement.focus();
      this.focusNext.set(null);
    });
    effect(() => {
      const assignment = this.assignment();
      const day = this.occursOn();
      const entry = assignment?.entries.find((item) => item.occursOn === day) ?? null;
      this.existing.set(entry);
      this.note = entry?.note ?? '';
      this.keepPrivate = entry?.private ?? false;
      this.answers = { ...(entry?.answers ?? {}) };
    });
  }

  protected readonly readOnly = computed(() => {
    const entry = this.existing();
    return entry !== null && !entry.editable;
  });

  /** Said before sending, in plain words: what still needs an answer. */
  private missingAnswer(kind: string): string | null {
    if (kind === 'journal' && !this.note.trim()) return 'Write a few words first.';
    const unanswered = (this.form()?.items ?? []).filter((item) => {
      const value = this.answers[item.id];
      return item.required && (value === undefined || value === null || value === '');
    });
    return unanswered.length
      ? `Still to answer: ${unanswered.map((item) => item.text).join(' · ')}`
      : null;
  }

  protected scaleValues(item: CheckInScaleItem): number[] {
    return Array.from({ length: item.max - item.min + 1 }, (_, index) => item.min + index);
  }

  protected async save(): Promise<void> {
    const assignment = this.assignment();
    const day = this.occursOn();
    if (!assignment || !day) return;
    const missing = this.missingAnswer(assignment.kind);
    if (missing) {
      this.action.error.set(missing);
      return;
    }
    const body = {
      note: this.note.trim() || null,
      ...(assignment.kind === 'check_in' ? { answers: this.answers } : {}),
      ...(assignment.kind === 'journal' ? { private: this.keepPrivate } : {}),
    };
    await this.action.run(async () => {
      const existing = this.existing();
      const entry = existing
        ? await firstValueFrom(this.api.updateEntry(existing.id, body))
        : await firstValueFrom(this.api.addEntry(assignment.id, { occursOn: day, ...body }));
      this.existing.set(entry);
      this.saved.set(true);
      this.focusNext.set('done');
    }, 'Your entry could not be saved. Please try again.');
  }

  /** Back from the completion screen to the entry, to change it while it may still change. */
  protected change(): void {
    this.saved.set(false);
    this.focusNext.set('form');
  }
}
