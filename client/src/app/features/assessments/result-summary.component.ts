import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { AssessmentResult, Answers, ResultInterpretationView } from '@cairn/contracts';
import { findInstrument, type InstrumentDefinition } from '@cairn/instruments';

/**
 * A scored result in plain terms: the total with its band, subscales, cut-offs, and the
 * provisional findings, with their caveats. A PHQ-9 item 9 answered "not at all" is said to
 * not rule out risk, never shown as "no risk".
 */
@Component({
  selector: 'cairn-result-summary',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let current = result();
    <div class="result">
      @if (current.total !== null) {
        <p class="total">
          <span class="score">{{ current.total }}</span>
          <span class="of">of {{ current.maxTotal }}</span>
          @if (current.severity; as severity) {
            <span class="band" [attr.data-level]="severity.level">{{ severity.label }}</span>
          }
        </p>
      }
      @if (interpretation(); as reading) {
        <p class="interpretation">{{ reading.note }}</p>
        @if (reading.context.length) {
          <p class="context">Context given: {{ reading.context.join(' · ') }}</p>
        }
        @for (note of reading.notes; track note) {
          <p class="interpretation">{{ note }}</p>
        }
      } @else if (definition().clinicalAid && definition().kind === 'scored') {
        <p class="caveat">
          A clinical aid written by Cairn, not a validated instrument: read the patterns, not a
          diagnosis.
        </p>
      }
      @if (current.subscales.length) {
        <table class="subscales" [attr.aria-label]="definition().shortTitle + ' subscales'">
          <tbody>
            @for (subscale of current.subscales; track subscale.id) {
              <tr>
                <th scope="row">{{ label(subscale.id, subscale.label) }}</th>
                <td>{{ subscale.score ?? '—' }}</td>
              </tr>
            }
          </tbody>
        </table>
      }
      @for (cutoff of current.cutoffsReached; track cutoff) {
        <p class="finding">{{ cutoff }}</p>
      }
      @for (finding of current.diagnostic; track finding.id) {
        @if (finding.met) {
          <p class="finding">{{ finding.label }}</p>
        } @else {
          <p class="finding-not">DSM-5 symptom rule not met.</p>
        }
      }
      @if (itemNineZero()) {
        <p class="caveat">
          Item 9 (thoughts of being better off dead or of self-harm) was answered "Not at all". That
          does not rule out risk; ask directly when in doubt.
        </p>
      }
    </div>
  `,
  styles: `
    .total {
      display: flex;
      align-items: baseline;
      gap: 8px;
      margin: 0 0 8px;
    }
    .score {
      font: var(--mat-sys-display-small);
    }
    .of {
      color: var(--mat-sys-on-surface-variant);
    }
    .band {
      padding: 2px 10px;
      border-radius: 12px;
      background: var(--mat-sys-secondary-container);
      font: var(--mat-sys-label-large);
    }
    .band[data-level='3'],
    .band[data-level='4'] {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .subscales th {
      text-align: left;
      font-weight: normal;
      padding-right: 16px;
      color: var(--mat-sys-on-surface-variant);
    }
    .finding {
      margin: 4px 0;
      font-weight: 500;
    }
    .caveat,
    .context,
    .finding-not {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .interpretation {
      padding: 8px 12px;
      border-left: 3px solid var(--mat-sys-tertiary);
      background: var(--mat-sys-surface-container);
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class ResultSummaryComponent {
  readonly definition = input.required<InstrumentDefinition>();
  readonly result = input.required<AssessmentResult>();
  readonly answers = input<Answers>({});
  readonly interpretation = input<ResultInterpretationView | null>(null);

  /** Pattern names as the current version words them (what was scored is unchanged). */
  private readonly labels = computed(
    () =>
      new Map(
        (findInstrument(this.definition().code)?.subscales ?? []).map((s) => [s.id, s.label]),
      ),
  );

  protected label(id: string, stored: string): string {
    return this.labels().get(id) ?? stored;
  }

  protected readonly itemNineZero = computed(
    () => this.definition().code === 'PHQ-9' && this.answers()['phq9-9'] === 0,
  );
}
