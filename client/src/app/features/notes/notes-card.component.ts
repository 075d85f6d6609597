import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { Router, RouterLink } from '@angular/router';
import {
  SERVICE_TYPE_LABELS,
  serviceTypeForAppointment,
  wallClockIn,
  instantAt,
  type MissingNote,
  type NoteListItem,
  type NoteSummary,
  type NoteTemplate,
  type ServiceType,
} from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { errorMessage } from '../../shared/api-error';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import { PendingAction } from '../../shared/pending-action';
import { NotesApiService } from './notes-api.service';

const SERVICE_FOR_TEMPLATE: Partial<Record<string, ServiceType>> = { intake: 'intake' };

function isListItem(note: NoteSummary | NoteListItem): note is NoteListItem {
  return 'templateCode' in note;
}

/**
 * Session notes on the chart. The treating therapist opens and writes notes; an admin sees only
 * which notes exist, who owes them and which are late.
 */
import { SkeletonComponent } from '../../shared/skeleton.component';
@Component({
  selector: 'cairn-notes-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SkeletonComponent, RouterLink, MatButtonModule, MatMenuModule, ClinicTimePipe],
  template: `
    <section class="card" aria-labelledby="notes-heading">
      <header>
        <h2 id="notes-heading">Session notes</h2>
        @if (canWrite()) {
          <button
            mat-flat-button
            type="button"
            [matMenuTriggerFor]="templatesMenu"
            [disabled]="action.busy()"
          >
            New note
          </button>
          <mat-menu #templatesMenu="matMenu">
            @for (template of templates.value() ?? []; track template.code) {
              <button mat-menu-item type="button" (click)="start(template)">
                {{ template.name }}
              </button>
            }
          </mat-menu>
        }
      </header>
      @if (action.error(); as message) {
        <p class="problem" role="alert">{{ message }}</p>
      }
      @if (notes.error()) {
        <p class="problem" role="alert">{{ loadError() }}</p>
      } @else if (!notes.hasValue() || (!missing.hasValue() && !missing.error())) {
        <cairn-skeleton label="session notes" [lines]="3" />
      } @else if (rows().length === 0 && !missing.value()?.length) {
        <p class="empty">No session notes yet.</p>
      } @else {
        <ul>
          @for (session of missing.value() ?? []; track session.appointmentId) {
            <li class="owed">
              <span class="date">{{ session.sessionAt | clinicTime }}</span>
              <span class="what">
                No note yet for this session
                <span class="note">{{ session.therapist.displayName }}</span>
              </span>
              <span class="chip late">Late</span>
              @if (canWrite()) {
                <button
                  mat-button
                  type="button"
                  (click)="writeFor(session)"
                  [disabled]="action.busy()"
                >
                  Write the note
                </button>
              }
            </li>
          }
          @for (note of rows(); track note.id) {
            <li>
              <span class="date">{{ note.sessionAt | clinicTime }}</span>
              <span class="what">
                @if (note.item; as item) {
                  @if (item.kind === 'psychotherapy') {
                    Psychotherapy note <span class="private">(private)</span>
                  } @else {
                    {{ serviceLabels[item.serviceType] }}
                  }
                } @else {
                  Session note
                }
                <span class="note">{{ note.author.displayName }}</span>
              </span>
              <span class="chip" [class]="note.state">{{ note.stateLabel }}</span>
              @if (note.item) {
                <a
                  [routerLink]="['/therapist/notes', note.id]"
                  [attr.aria-label]="'Open the note of ' + (note.sessionAt | clinicTime)"
                >
                  {{ note.item.mine && note.status === 'draft' ? 'Continue' : 'Open' }}
                </a>
              }
            </li>
          }
        </ul>
      }
    </section>
  `,
  styleUrl: '../clients/clinical-card.scss',
  styles: `
    /* One grid for every row, so titles line up whatever the date's width. On a phone the date,
       state and action share the first line and what the note is takes the second. */
    li {
      display: grid;
      grid-template-columns: 12rem minmax(0, 1fr) auto auto;
      align-items: baseline;
    }
    .date {
      white-space: nowrap;
    }
    .private {
      color: var(--mat-sys-on-surface-variant);
    }
    @media (max-width: 599px) {
      li {
        grid-template-columns: minmax(0, 1fr) auto auto;
      }
      .what {
        grid-column: 1 / -1;
        grid-row: 2;
      }
    }
  `,
})
export class NotesCardComponent {
  private readonly api = inject(NotesApiService);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  readonly clientId = input.required<string>();
  /** Only the treating therapist writes notes; an admin sees the list of what exists. */
  readonly canWrite = input(false);

  protected readonly serviceLabels = SERVICE_TYPE_LABELS;
  protected readonly action = new PendingAction();
  /** Only a therapist who may write asks for the templates (an admin may not read them). */
  protected readonly templates = rxResource({
    params: () => (this.canWrite() ? true : undefined),
    stream: () => this.api.templates$,
  });
  protected readonly notes = rxResource({
    params: () => this.clientId(),
    stream: ({ params }) => this.api.forClient(params),
  });
  /** Sessions held with no note at all: owed, and late, like an unsigned draft. */
  protected readonly missing = rxResource({
    params: () => this.clientId(),
    stream: ({ params }) => this.api.missing(params),
  });
  protected readonly loadError = computed(() =>
    errorMessage(this.notes.error(), 'The notes could not be loaded.'),
  );
  protected readonly rows = computed(() =>
    (this.notes.hasValue() ? this.notes.value() : []).map((note) => ({
      ...note,
      item: isListItem(note) ? note : null,
      state: note.late ? 'late' : note.status,
      stateLabel: note.late ? 'Late' : note.status === 'signed' ? 'Signed' : 'Draft',
    })),
  );

  /** Starts the note a held session is owed, linked to its appointment, and opens it. */
  protected async writeFor(session: MissingNote): Promise<void> {
    await this.action.run(async () => {
      const note = await firstValueFrom(
        this.api.create(this.clientId(), {
          templateCode: 'bt_progress',
          sessionAt: session.sessionAt,
          durationMinutes: session.durationMinutes,
          serviceType: serviceTypeForAppointment(session.kind, session.durationMinutes),
          appointmentId: session.appointmentId,
        }),
      );
      await this.router.navigate(['/therapist/notes', note.id]);
    }, 'The note could not be started.');
  }

  /** Starts a draft for a session that has just ended, and opens it. */
  protected async start(template: NoteTemplate): Promise<void> {
    const timeZone = this.auth.user()?.clinicTimeZone;
    const now = wallClockIn(timeZone, new Date());
    const roundedDown = `${now.slice(0, 14)}${String(Math.floor(Number(now.slice(14)) / 5) * 5).padStart(2, '0')}`;
    await this.action.run(async () => {
      const note = await firstValueFrom(
        this.api.create(this.clientId(), {
          templateCode: template.code,
          sessionAt: instantAt(roundedDown, timeZone).toISOString(),
          durationMinutes: 53,
          serviceType: SERVICE_FOR_TEMPLATE[template.code] ?? 'individual_60',
        }),
      );
      await this.router.navigate(['/therapist/notes', note.id]);
    }, 'The note could not be started.');
  }
}
