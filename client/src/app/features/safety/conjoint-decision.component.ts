import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import {
  CONJOINT_DECISION_LABELS,
  CONJOINT_DECISIONS,
  type ConjointDecision,
} from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { PendingAction } from '../../shared/pending-action';
import { SafetyApiService } from './safety-api.service';

/**
 * Recording the decision on conjoint work for a couple, by the therapist who treats both. Used on
 * the chart and, before a couples session is booked, in the booking dialog.
 */
@Component({
  selector: 'cairn-conjoint-decision',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatRadioModule],
  template: `
    <form class="decision" (ngSubmit)="record()" aria-label="Decision on couples sessions">
      <mat-radio-group [(ngModel)]="decision" name="decision" class="options">
        @for (option of options; track option) {
          <mat-radio-button [value]="option">{{ labels[option] }}</mat-radio-button>
        }
      </mat-radio-group>
      <mat-form-field appearance="outline" class="wide">
        <mat-label
          >What you discussed and why (for clinicians treating both partners only)</mat-label
        >
        <textarea matInput rows="3" name="note" [(ngModel)]="note" maxlength="4000"></textarea>
      </mat-form-field>
      <button mat-flat-button type="submit" [disabled]="action.busy() || !decision">
        Record the decision
      </button>
      @if (action.error(); as message) {
        <p class="problem" role="alert">{{ message }}</p>
      }
    </form>
  `,
  styles: `
    .decision {
      display: grid;
      gap: 8px;
    }
    .options {
      display: grid;
      gap: 4px;
    }
    .wide {
      width: 100%;
    }
    button {
      justify-self: start;
    }
    .problem {
      color: var(--mat-sys-error);
    }
  `,
})
export class ConjointDecisionComponent {
  private readonly api = inject(SafetyApiService);
  readonly clientId = input.required<string>();
  readonly decided = output<ConjointDecision>();
  protected readonly options = CONJOINT_DECISIONS;
  protected readonly labels = CONJOINT_DECISION_LABELS;
  protected decision: ConjointDecision | null = null;
  protected note = '';
  protected readonly action = new PendingAction();

  protected async record(): Promise<void> {
    const decision = this.decision;
    if (!decision) return;
    await this.action.run(async () => {
      await firstValueFrom(
        this.api.decide(this.clientId(), { decision, note: this.note.trim() || null }),
      );
      this.decided.emit(decision);
    }, 'The decision could not be recorded.');
  }
}
