import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  addDays,
  HOMEWORK_FREQUENCIES,
  HOMEWORK_FREQUENCY_LABELS,
  HOMEWORK_KIND_LABELS,
  percent,
  todayIn,
  type ClientDetail,
  type HomeworkAssignment,
  type HomeworkEntry,
  type HomeworkFrequency,
} from '@cairn/contracts';
import { checkInForm, describeCheckInAnswer, type CheckInForm } from '@cairn/instruments';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { fieldProblems } from '../../shared/api-error';
import { CalendarDayPipe } from '../../shared/calendar-day.pipe';
import { PendingAction } from '../../shared/pending-action';
import { HomeworkApiService } from './homework-api.service';

/**
 * Homework on the chart: what is assigned, how it is going (done of expected, per week), the
 * entries (a private journal entry shows only that it was done), closing, and assigning from
 * the clinic's library with instructions adjusted for this client.
 */
import { SkeletonComponent } from '../../shared/skeleton.component';
@Component({
  selector: 'cairn-homework-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    SkeletonComponent,
    FormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    CalendarDayPipe,
  ],
  templateUrl: './homework-card.component.html',
  styleUrls: ['../clients/clinical-card.scss', './homework-card.component.scss'],
})
export class HomeworkCardComponent {
  private readonly api = inject(HomeworkApiService);
  private readonly auth = inject(AuthService);
  readonly client = input.required<ClientDetail>();

  protected readonly kindLabels = HOMEWORK_KIND_LABELS;
  protected readonly frequencyLabels = HOMEWORK_FREQUENCY_LABELS;
  protected readonly frequencies = HOMEWORK_FREQUENCIES;

  protected readonly assignments = rxResource({
    params: () => this.client().id,
    stream: ({ params }) => this.api.forClient(params),
  });
  protected readonly templates = rxResource({ stream: () => this.api.templates() });

  /** Entries loaded per assignment, and the one shown. */
  protected readonly entries = signal<Record<string, HomeworkEntry[] | undefined>>({});
  protected readonly shown = signal<string | null>(null);
  /** The partner's twin check-in entries, for the side-by-side view in couple work. */
  protected readonly partnerEntries = signal<Record<string, HomeworkEntry[] | undefined>>({});
  protected readonly action = new PendingAction();
  protected readonly assigning = new PendingAction();

  private readonly today = computed(() => todayIn(this.auth.user()?.clinicTimeZone));
  protected templateId = '';
  protected instructions = '';
  protected frequency: HomeworkFrequency = 'daily';
  protected startsOn = '';
  protected endsOn = '';
  protected forPartnerToo = false;

  /** A new exercise of the therapist's own, for the whole clinic. */
  protected readonly writing = signal(false);
  protected readonly writingAction = new PendingAction();
  protected draft: { title: string; why: string; instructions: string; kind: 'task' | 'journal' } =
    {
      title: '',
      why: '',
      instructions: '',
      kind: 'task',
    };

  protected readonly chosen = signal<string>('');
  protected readonly chosenTemplate = computed(() =>
    (this.templates.value() ?? []).find((template) => template.id === this.chosen()),
  );

  protected choose(templateId: string): void {
    this.templateId = templateId;
    this.chosen.set(templateId);
    const template = this.chosenTemplate();
    if (!template) return;
    this.instructions = template.instructions;
    this.frequency =
      template.kind === 'check_in' ? 'daily' : template.kind === 'reading' ? 'once' : 'weekly';
    this.startsOn ||= this.today();
    this.endsOn ||= addDays(this.today(), 13);
  }

  protected readonly percent = percent;

  protected formOf(assignment: HomeworkAssignment): CheckInForm | undefined {
    return assignment.checkInForm ? checkInForm(assignment.checkInForm) : undefined;
  }

  protected readonly describe = describeCheckInAnswer;

  protected async toggleEntries(assignment: HomeworkAssignment): Promise<void> {
    if (this.shown() === assignment.id) {
      this.shown.set(null);
      return;
    }
    await this.action.run(async () => {
      const entries = await firstValueFrom(this.api.entries(assignment.id));
      this.entries.update((all) => ({ ...all, [assignment.id]: entries }));
      const twin = assignment.kind === 'check_in' ? assignment.partnerAssignmentId : null;
      if (twin) {
        // The partner may since have moved to another therapist: then there is nothing to compare.
        const partner = await firstValueFrom(this.api.entries(twin)).catch(() => undefined);
        this.partnerEntries.update((all) => ({ ...all, [assignment.id]: partner }));
      }
      this.shown.set(assignment.id);
    }, 'The entries could not be loaded.');
  }

  /** Felt safety by day for both partners, newest first, over the last two weeks of entries. */
  protected sideBySide(
    assignment: HomeworkAssignment,
  ): { date: string; mine: string; partner: string }[] {
    const partner = this.partnerEntries()[assignment.id];
    if (!partner) return [];
    const mine = this.entries()[assignment.id] ?? [];
    const safety = (list: HomeworkEntry[], date: string) => {
      const value = list.find((entry) => entry.occursOn === date)?.answers?.['feltSafety'];
      return typeof value === 'number' ? String(value) : '—';
    };
    const dates = [...new Set([...mine, ...partner].map((entry) => entry.occursOn))]
      .sort()
      .reverse()
      .slice(0, 14);
    return dates.map((date) => ({
      date,
      mine: safety(mine, date),
      partner: safety(partner, date),
    }));
  }

  /** The twin assignment whose closing waits for "the partner's too?". */
  protected readonly askingPartner = signal<string | null>(null);

  /**
   * Closes an assignment. A couple's twin asks first whether to close the partner's too (the API
   * asks for `partnerToo` while the partner's is open), so neither is left open by accident.
   */
  protected async close(assignment: HomeworkAssignment, partnerToo?: boolean): Promise<void> {
    await this.action.run(
      async () => {
        await firstValueFrom(
          this.api.update(assignment.id, {
            closed: true,
            ...(partnerToo === undefined ? {} : { partnerToo }),
          }),
        );
        this.askingPartner.set(null);
        this.assignments.reload();
      },
      'The homework could not be closed.',
      (error) => {
        if (fieldProblems(error).some((problem) => problem.field === 'partnerToo')) {
          this.action.error.set(null);
          this.askingPartner.set(assignment.id);
        }
      },
    );
  }

  protected async saveTemplate(): Promise<void> {
    await this.writingAction.run(async () => {
      const template = await firstValueFrom(this.api.createTemplate(this.draft));
      this.writing.set(false);
      this.draft = { title: '', why: '', instructions: '', kind: 'task' };
      this.templates.set([...(this.templates.value() ?? []), template]);
      this.choose(template.id);
    }, 'The exercise could not be saved.');
  }

  protected async assign(): Promise<void> {
    await this.assigning.run(async () => {
      await firstValueFrom(
        this.api.assign(this.client().id, {
          templateId: this.templateId,
          instructions: this.instructions,
          frequency: this.frequency,
          startsOn: this.startsOn,
          endsOn: this.endsOn,
          forPartnerToo: this.forPartnerToo,
        }),
      );
      this.templateId = '';
      this.chosen.set('');
      this.instructions = '';
      this.startsOn = '';
      this.endsOn = '';
      this.forPartnerToo = false;
      this.assignments.reload();
    }, 'The homework could not be assigned.');
  }
}
