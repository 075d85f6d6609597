import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import { AssessmentsApiService } from './assessments-api.service';

/**
 * The therapist's home: open risk flags, reliable deterioration, overdue questionnaires, low
 * homework follow-through and late notes across the caseload, each linking to the chart.
 */
@Component({
  selector: 'cairn-attention-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ClinicTimePipe],
  template: `
    @if (attention.value(); as attention) {
      @if (
        attention.openRiskFlags.length ||
        attention.overdueAssessments.length ||
        attention.lateNotes.length ||
        attention.deteriorating.length ||
        attention.lowAdherence.length ||
        attention.pendingSafetyReviews.length
      ) {
        <section class="attention" aria-labelledby="attention-heading">
          <h2 id="attention-heading">Needs your attention</h2>
          <ul>
            @for (flag of attention.openRiskFlags; track flag.id) {
              <li class="risk">
                <strong>{{ flag.clientName }}</strong>: {{ flag.message }}
                <span class="when">{{ flag.raisedAt | clinicTime }}</span>
                <a
                  [routerLink]="[
                    '/therapist/clients',
                    flag.clientId,
                    'assessments',
                    flag.assessmentId,
                  ]"
                  >Review</a
                >
              </li>
            }
            @for (item of attention.overdueAssessments; track item.id) {
              <li>
                <strong>{{ item.clientName }}</strong>: {{ item.instrumentTitle }} was due
                {{ item.dueOn }}
                <a [routerLink]="['/therapist/clients', item.clientId]">Open chart</a>
              </li>
            }
            @for (item of attention.deteriorating; track item.clientId + item.instrumentCode) {
              <li class="risk">
                <strong>{{ item.clientName }}</strong>: {{ item.instrumentCode }} is reliably worse
                than at the start (+{{ item.delta }})
                <a [routerLink]="['/therapist/clients', item.clientId, 'progress']">See progress</a>
              </li>
            }
            @for (item of attention.lowAdherence; track item.clientId) {
              <li>
                <strong>{{ item.clientName }}</strong>: {{ item.done }} of {{ item.expected }}
                homework done in the last four weeks
                <a [routerLink]="['/therapist/clients', item.clientId, 'progress']">See progress</a>
              </li>
            }
            @for (item of attention.pendingSafetyReviews; track item.clientId) {
              <li class="risk">
                <strong>{{ item.clientName }}</strong>: a safety review before couples work waits
                for your decision
                <a [routerLink]="['/therapist/clients', item.clientId]">Open chart</a>
              </li>
            }
            @for (note of attention.lateNotes; track note.id) {
              <li class="late">
                @if (note.noteMissing) {
                  <strong>{{ note.clientName }}</strong>: the session of
                  {{ note.sessionAt | clinicTime }} has no note yet
                  <a [routerLink]="['/therapist/clients', note.clientId]">Write the note</a>
                } @else {
                  <strong>{{ note.clientName }}</strong>: the note for the session of
                  {{ note.sessionAt | clinicTime }} is still unsigned
                  <a [routerLink]="['/therapist/notes', note.id]">Finish note</a>
                }
              </li>
            }
          </ul>
        </section>
      }
    }
  `,
  styles: `
    .attention {
      margin-bottom: 20px;
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 0 0 8px;
    }
    ul {
      margin: 0;
      padding-left: 18px;
    }
    li {
      margin: 4px 0;
    }
    .risk {
      color: var(--mat-sys-error);
    }
    .when {
      margin: 0 8px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class AttentionPanelComponent {
  private readonly api = inject(AssessmentsApiService);
  protected readonly attention = rxResource({ stream: () => this.api.attention() });
}
