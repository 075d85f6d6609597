import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { CONJOINT_DECISION_LABELS, type SafetyReviewView } from '@cairn/contracts';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';

/** One safety review on the safety card: when it was raised, and the decision with its reasons. */
@Component({
  selector: 'cairn-safety-review',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClinicTimePipe],
  template: `
    <div class="review" [class.pending]="review().status === 'pending'">
      <p>
        <strong>{{
          review().status === 'pending' ? 'Safety review pending' : 'Safety review'
        }}</strong>
        · raised {{ review().raisedAt | clinicTime: 'date' }}
        @if (fromThisClient()) {
          · from this client's screen
        }
      </p>
      @if (review().decision; as decision) {
        <p>
          Decided {{ review().decidedAt | clinicTime: 'date' }} by {{ review().decidedBy }}:
          {{ decisionLabels[decision] }}
        </p>
        @if (review().decisionNote) {
          <p class="quiet">{{ review().decisionNote }}</p>
        }
      }
    </div>
  `,
  styles: `
    .review {
      padding: 8px 12px;
      margin: 8px 0;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
    }
    .review.pending {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .review p {
      margin: 4px 0;
    }
    .quiet {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class SafetyReviewComponent {
  readonly review = input.required<SafetyReviewView>();
  readonly fromThisClient = input(false);
  protected readonly decisionLabels = CONJOINT_DECISION_LABELS;
}
