import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import { PendingAction } from '../../shared/pending-action';
import { AssessmentsApiService } from '../assessments/assessments-api.service';

/**
 * The client's open risk flags, in the note being written: a note cannot say "None identified"
 * over one. The therapist acknowledges a flag from here (what was done), and the count goes out
 * so the editor can say what still stands between the draft and a signature.
 */
@Component({
  selector: 'cairn-open-flag-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, ClinicTimePipe],
  template: `
    @if (open().length) {
      <section class="open-flags" role="alert" aria-labelledby="open-flags-heading">
        <h2 id="open-flags-heading">
          {{ open().length === 1 ? 'Open risk flag' : open().length + ' open risk flags' }}
        </h2>
        @for (flag of open(); track flag.id) {
          <div class="flag">
            <p>
              <strong>{{ flag.instrumentCode }}, {{ flag.raisedAt | clinicTime }}:</strong>
              {{ flag.message }}
            </p>
            <mat-form-field appearance="outline" class="what">
              <mat-label>What you did</mat-label>
              <textarea
                matInput
                rows="2"
                [name]="'ack-' + flag.id"
                [(ngModel)]="notes[flag.id]"
              ></textarea>
            </mat-form-field>
            <button
              mat-flat-button
              type="button"
              (click)="acknowledge(flag.assessmentId, flag.id)"
              [disabled]="action.busy() || !notes[flag.id]?.trim()"
            >
              Acknowledge
            </button>
          </div>
        }
        <p class="rule">
          While a flag is open, this note cannot be signed with risk “None identified”. Acknowledge
          it here (what you did), or record the risk you assessed.
        </p>
        @if (action.error(); as message) {
          <p class="problem">{{ message }}</p>
        }
      </section>
    }
  `,
  styles: `
    .open-flags {
      border-radius: 12px;
      padding: 12px 20px;
      margin: 12px 0;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 4px 0 8px;
    }
    .flag {
      display: grid;
      gap: 4px;
      margin-bottom: 12px;
    }
    .what {
      width: 100%;
    }
    .flag button {
      justify-self: start;
    }
    h2 {
      font-weight: 600;
    }
    .rule {
      font: var(--mat-sys-body-small);
    }
    .problem {
      font-weight: 500;
    }
  `,
})
export class OpenFlagBannerComponent {
  private readonly api = inject(AssessmentsApiService);
  readonly clientId = input.required<string>();
  /** How many flags are open, after every load and acknowledgement. */
  readonly openChange = output<number>();

  private readonly flags = rxResource({
    params: () => this.clientId(),
    stream: ({ params }) => this.api.riskFlags(params),
  });
  protected readonly open = computed(() =>
    (this.flags.value() ?? []).filter((flag) => flag.acknowledgedAt === null),
  );
  protected readonly action = new PendingAction();
  protected notes: Record<string, string> = {};

  constructor() {
    effect(() => {
      if (this.flags.hasValue()) this.openChange.emit(this.open().length);
    });
  }

  protected async acknowledge(assessmentId: string, flagId: string): Promise<void> {
    await this.action.run(async () => {
      await firstValueFrom(
        this.api.acknowledgeRisk(assessmentId, this.notes[flagId]?.trim() ?? null),
      );
      this.flags.reload();
    }, 'The flag could not be acknowledged.');
  }
}
