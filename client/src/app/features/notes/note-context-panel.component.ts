import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { HOMEWORK_FREQUENCY_LABELS, todayIn, type NoteKind } from '@cairn/contracts';
import { map, of, switchMap } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { CalendarDayPipe } from '../../shared/calendar-day.pipe';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import { SkeletonComponent } from '../../shared/skeleton.component';
import { AssessmentsApiService } from '../assessments/assessments-api.service';
import { HomeworkApiService } from '../homework/homework-api.service';
import { homeworkDue, latestScores, planOf, previousSignedNote } from './note-context';
import { NotesApiService } from './notes-api.service';

/**
 * Beside a draft: what the therapist would otherwise look up in the chart before writing — the
 * plan the last signed note left, the homework open now, and the latest score of each measure.
 * Read through the same audited routes as the chart, so nothing here reaches further than the
 * chart does (a private psychotherapy note only ever for its author).
 */
@Component({
  selector: 'cairn-note-context-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, CalendarDayPipe, ClinicTimePipe, SkeletonComponent],
  template: `
    <section class="part" aria-labelledby="context-plan">
      <h3 id="context-plan">Last note's plan</h3>
      @if (previous.error()) {
        <p class="problem" role="alert">The last note could not be loaded.</p>
      } @else if (!previous.hasValue()) {
        <cairn-skeleton label="the last note" [lines]="2" />
      } @else if (previous.value(); as last) {
        <p class="meta">
          <a [routerLink]="['/therapist/notes', last.id]">{{
            last.sessionAt | clinicTime: 'date'
          }}</a>
          · {{ last.author.displayName }}
        </p>
        @for (part of last.plan; track part.label) {
          <p class="label">{{ part.label }}</p>
          <p class="prose">{{ part.text }}</p>
        } @empty {
          <p class="empty">That note recorded no plan.</p>
        }
      } @else {
        <p class="empty">
          {{
            kind() === 'psychotherapy'
              ? 'No earlier signed private note.'
              : 'No earlier signed note.'
          }}
        </p>
      }
    </section>

    <section class="part" aria-labelledby="context-homework">
      <h3 id="context-homework">Homework open now</h3>
      @if (homework.error()) {
        <p class="problem" role="alert">The homework could not be loaded.</p>
      } @else if (!homework.hasValue()) {
        <cairn-skeleton label="homework" [lines]="2" />
      } @else {
        <ul>
          @for (item of due(); track item.id) {
            <li>
              <strong>{{ item.title }}</strong>
              <span class="meta">
                {{ frequency[item.frequency] }} · until {{ item.endsOn | calendarDay }} ·
                @if (item.adherence.expected === 0) {
                  nothing due yet
                } @else {
                  {{ item.adherence.done }} of {{ item.adherence.expected }} done
                }
              </span>
            </li>
          } @empty {
            <li class="empty">None open.</li>
          }
        </ul>
      }
    </section>

    <section class="part" aria-labelledby="context-scores">
      <h3 id="context-scores">Latest scores</h3>
      @if (measures.error()) {
        <p class="problem" role="alert">The scores could not be loaded.</p>
      } @else if (!measures.hasValue()) {
        <cairn-skeleton label="scores" [lines]="2" />
      } @else {
        <ul>
          @for (score of scores(); track score.instrumentCode) {
            <li>
              <strong>{{ score.title }}</strong>
              <span class="meta">
                {{ score.total }}
                @if (score.maxTotal) {
                  <span> / {{ score.maxTotal }}</span>
                }
                @if (score.band) {
                  · {{ score.band }}
                }
                · {{ score.completedAt | clinicTime: 'date' }}
              </span>
            </li>
          } @empty {
            <li class="empty">No scores yet.</li>
          }
        </ul>
      }
    </section>
  `,
  styles: `
    :host {
      display: block;
    }
    .part + .part {
      margin-top: var(--cairn-space-4);
      padding-top: var(--cairn-space-3);
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    h3 {
      font: var(--cairn-type-card);
      margin: 0 0 var(--cairn-space-2);
    }
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
      display: grid;
      gap: var(--cairn-space-2);
    }
    li {
      display: grid;
    }
    p {
      margin: 0 0 var(--cairn-space-1);
    }
    .meta,
    .label,
    .empty {
      font: var(--cairn-type-meta);
      color: var(--mat-sys-on-surface-variant);
    }
    .label {
      font-weight: 600;
    }
    .prose {
      white-space: pre-line;
      margin-bottom: var(--cairn-space-2);
    }
    .problem {
      color: var(--mat-sys-error);
    }
  `,
})
export class NoteContextPanelComponent {
  private readonly notes = inject(NotesApiService);
  private readonly homeworkApi = inject(HomeworkApiService);
  private readonly assessments = inject(AssessmentsApiService);
  private readonly auth = inject(AuthService);

  readonly noteId = input.required<string>();
  readonly clientId = input.required<string>();
  readonly kind = input.required<NoteKind>();
  readonly sessionAt = input.required<string>();

  protected readonly frequency = HOMEWORK_FREQUENCY_LABELS;

  /** The list says which note came before; opening it (an audited read) gives its plan. */
  protected readonly previous = rxResource({
    params: () => ({
      clientId: this.clientId(),
      current: { id: this.noteId(), kind: this.kind(), sessionAt: this.sessionAt() },
    }),
    stream: ({ params }) =>
      this.notes.forClient(params.clientId).pipe(
        map((list) => previousSignedNote(list, params.current)),
        switchMap((last) =>
          last
            ? this.notes.get(last.id).pipe(
                map((note) => ({
                  id: note.id,
                  sessionAt: note.sessionAt,
                  author: note.author,
                  plan: planOf(note.content),
                })),
              )
            : of(null),
        ),
      ),
  });
  protected readonly homework = rxResource({
    params: () => this.clientId(),
    stream: ({ params }) => this.homeworkApi.forClient(params),
  });
  protected readonly measures = rxResource({
    params: () => this.clientId(),
    stream: ({ params }) => this.assessments.measures(params),
  });

  protected readonly due = computed(() =>
    this.homework.hasValue()
      ? homeworkDue(this.homework.value(), todayIn(this.auth.user()?.clinicTimeZone))
      : [],
  );
  protected readonly scores = computed(() =>
    this.measures.hasValue() ? latestScores(this.measures.value()) : [],
  );
}
