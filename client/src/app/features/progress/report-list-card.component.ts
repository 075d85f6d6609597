import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import { ProgressApiService } from './progress-api.service';

/** For the admin's view of a file: which progress reports exist, never what they say. */
import { SkeletonComponent } from '../../shared/skeleton.component';
@Component({
  selector: 'cairn-report-list-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SkeletonComponent, ClinicTimePipe],
  template: `
    <section class="card" aria-labelledby="report-list-heading">
      <header><h2 id="report-list-heading">Progress reports</h2></header>
      @if (reports.error()) {
        <p class="problem" role="alert">The reports could not be loaded.</p>
      } @else if (!reports.hasValue()) {
        <cairn-skeleton label="reports" [lines]="2" />
      } @else {
        <ul>
          @for (report of reports.value(); track report.id) {
            <li>
              <span class="date">{{ report.range.from }} to {{ report.range.to }}</span>
              <span class="what"
                >{{ report.author.displayName }} · created
                {{ report.createdAt | clinicTime: 'date' }}</span
              >
              <span class="chip">{{ report.status === 'final' ? 'Final' : 'Draft' }}</span>
            </li>
          } @empty {
            <li class="empty">No progress reports yet.</li>
          }
        </ul>
      }
    </section>
  `,
  styleUrl: '../clients/clinical-card.scss',
  styles: `
    .what {
      flex: 1;
    }
    .chip {
      padding: 2px 10px;
      border-radius: 999px;
      font: var(--mat-sys-label-medium);
      background: var(--mat-sys-surface-container-high);
    }
  `,
})
export class ReportListCardComponent {
  private readonly api = inject(ProgressApiService);
  readonly clientId = input.required<string>();
  protected readonly reports = rxResource({
    params: () => this.clientId(),
    stream: ({ params }) => this.api.reports(params),
  });
}
