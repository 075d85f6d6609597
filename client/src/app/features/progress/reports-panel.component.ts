import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type {
  DateRange,
  ProgressReportNarrative,
  ReportCopy,
  ReportDetail,
  ReportListItem,
  ReportSummary,
} from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import { PendingAction } from '../../shared/pending-action';
import { saveFile } from '../notes/notes-api.service';
import { ProgressApiService } from './progress-api.service';

const SECTIONS: { key: keyof ProgressReportNarrative; label: string }[] = [
  { key: 'summary', label: 'Summary' },
  { key: 'goalsAndProgress', label: 'Goals and progress' },
  { key: 'plan', label: 'Plan' },
  { key: 'recommendations', label: 'Recommendations' },
];

/**
 * Progress reports for the client: create one for the period on screen (its figures are frozen
 * then), write the narrative, preview, finalize (locked), share with the client, download.
 */
import { SkeletonComponent } from '../../shared/skeleton.component';
@Component({
  selector: 'cairn-reports-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    SkeletonComponent,
    FormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    ClinicTimePipe,
  ],
  template: `
    <section class="card" aria-labelledby="reports-heading">
      <header>
        <h2 id="reports-heading">Progress reports</h2>
        <button mat-flat-button type="button" [disabled]="action.busy()" (click)="create()">
          Create report for {{ range().from }} to {{ range().to }}
        </button>
      </header>
      @if (list.error()) {
        <p class="problem" role="alert">
          The reports could not be loaded. Reload the page to try again.
        </p>
      } @else if (!list.hasValue()) {
        <cairn-skeleton label="reports" [lines]="2" />
      } @else {
        <ul class="list">
          @for (item of list.value(); track item.id) {
            <li>
              <span>{{ item.range.from }} to {{ item.range.to }}</span>
              <span class="chip" [class.final]="item.status === 'final'">{{
                item.status === 'final' ? 'Final' : 'Draft'
              }}</span>
              @if (isShared(item)) {
                <span class="chip">Shared with the client</span>
              }
              <button mat-button type="button" (click)="open(item.id)">Open</button>
            </li>
          } @empty {
            <li class="empty">No reports yet.</li>
          }
        </ul>
      }

      @if (report(); as report) {
        <div
          class="report"
          role="region"
          [attr.aria-label]="'Report ' + report.range.from + ' to ' + report.range.to"
        >
          <h3>Report {{ report.range.from }} to {{ report.range.to }}</h3>
          <p class="note">
            Figures as of {{ report.data.generatedAt | clinicTime }}.
            @if (report.status === 'final') {
              Final since {{ report.finalizedAt | clinicTime }}: it can no longer change.
            }
          </p>
          @for (section of sections; track section.key) {
            <mat-form-field appearance="outline" class="wide">
              <mat-label>{{ section.label }}</mat-label>
              <textarea
                matInput
                rows="4"
                [name]="section.key"
                [(ngModel)]="narrative[section.key]"
                [readonly]="report.status === 'final'"
              ></textarea>
            </mat-form-field>
          }
          <div class="actions">
            @if (report.status === 'draft') {
              <button mat-stroked-button type="button" [disabled]="action.busy()" (click)="save()">
                Save
              </button>
              <button
                mat-stroked-button
                type="button"
                [disabled]="action.busy()"
                (click)="download()"
              >
                Preview PDF
              </button>
              <button mat-flat-button type="button" [disabled]="action.busy()" (click)="finalize()">
                Finalize…
              </button>
            } @else {
              <button mat-flat-button type="button" [disabled]="action.busy()" (click)="download()">
                Download PDF
              </button>
              <button
                mat-stroked-button
                type="button"
                [disabled]="action.busy()"
                (click)="download('release')"
                title="Leaves out the partner's check-ins and the risk section"
              >
                Copy for the client or a referrer
              </button>
              <mat-checkbox [checked]="report.sharedWithClient" (change)="share($event.checked)">
                Share with the client in their portal
              </mat-checkbox>
            }
          </div>
          @if (confirming()) {
            <div class="confirm" role="alertdialog" aria-label="Finalize the report">
              <p>Finalizing locks the report: its figures and text can no longer change.</p>
              <button mat-flat-button type="button" (click)="confirmFinalize()">
                Finalize report
              </button>
              <button mat-button type="button" (click)="confirming.set(false)">Not yet</button>
            </div>
          }
          @if (saved()) {
            <p class="note" role="status">{{ saved() }}</p>
          }
        </div>
      }
      @if (action.error(); as message) {
        <p class="problem" role="alert">{{ message }}</p>
      }
    </section>
  `,
  styles: `
    .card {
      padding: 16px 20px;
      margin-bottom: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface-container-lowest);
    }
    header {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 12px;
      flex-wrap: wrap;
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 0;
    }
    .list {
      list-style: none;
      padding: 0;
    }
    .list li {
      display: flex;
      gap: 12px;
      align-items: center;
      padding: 4px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .chip {
      padding: 2px 10px;
      border-radius: 999px;
      font: var(--mat-sys-label-medium);
      background: var(--mat-sys-surface-container-high);
    }
    .chip.final {
      background: var(--mat-sys-secondary-container);
    }
    .wide {
      width: 100%;
    }
    .actions,
    .confirm {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    .note,
    .empty {
      color: var(--mat-sys-on-surface-variant);
    }
    .problem {
      color: var(--mat-sys-error);
    }
  `,
})
export class ReportsPanelComponent {
  private readonly api = inject(ProgressApiService);

  readonly clientId = input.required<string>();
  readonly range = input.required<DateRange>();

  protected readonly sections = SECTIONS;
  protected readonly action = new PendingAction();
  protected readonly report = signal<ReportDetail | null>(null);
  protected readonly confirming = signal(false);
  protected readonly saved = signal<string | null>(null);
  protected narrative: ProgressReportNarrative = {
    summary: '',
    goalsAndProgress: '',
    plan: '',
    recommendations: '',
  };

  protected readonly list = rxResource({
    params: () => this.clientId(),
    stream: ({ params }) => this.api.reports(params),
  });

  protected isShared(item: ReportSummary | ReportListItem): boolean {
    return 'sharedWithClient' in item && item.sharedWithClient;
  }

  protected create(): Promise<void> {
    return this.action.run(async () => {
      this.show(await firstValueFrom(this.api.createReport(this.clientId(), this.range())));
      this.list.reload();
    }, 'The report could not be created.');
  }

  protected open(id: string): Promise<void> {
    return this.action.run(async () => {
      this.show(await firstValueFrom(this.api.report(id)));
    }, 'The report could not be opened.');
  }

  protected save(): Promise<void> {
    const report = this.report();
    if (!report) return Promise.resolve();
    return this.action.run(async () => {
      this.show(
        await firstValueFrom(
          this.api.updateReport(report.id, { version: report.version, narrative: this.narrative }),
        ),
      );
      this.saved.set('Saved.');
    }, 'The report could not be saved.');
  }

  protected async finalize(): Promise<void> {
    await this.save();
    if (!this.action.error()) this.confirming.set(true);
  }

  protected confirmFinalize(): Promise<void> {
    const report = this.report();
    if (!report) return Promise.resolve();
    return this.action.run(async () => {
      this.show(await firstValueFrom(this.api.finalize(report.id)));
      this.confirming.set(false);
      this.saved.set('The report is final.');
      this.list.reload();
    }, 'The report could not be finalized.');
  }

  protected share(shared: boolean): Promise<void> {
    const report = this.report();
    if (!report) return Promise.resolve();
    return this.action.run(async () => {
      this.show(
        await firstValueFrom(
          this.api.updateReport(report.id, { version: report.version, sharedWithClient: shared }),
        ),
      );
      this.saved.set(
        shared ? 'The client can now download it in their portal.' : 'No longer shared.',
      );
      this.list.reload();
    }, 'Sharing could not be changed.');
  }

  /** The file copy holds everything; the release copy is what may leave the clinic. */
  protected download(copy: ReportCopy = 'file'): Promise<void> {
    const report = this.report();
    if (!report) return Promise.resolve();
    return this.action.run(async () => {
      const blob = await firstValueFrom(this.api.pdf(report.id, copy));
      const kind =
        report.status !== 'final'
          ? 'progress-report-draft'
          : copy === 'release'
            ? 'progress-report-release'
            : 'progress-report';
      saveFile(blob, `${kind}-${report.range.to}.pdf`);
    }, 'The PDF could not be made.');
  }

  private show(report: ReportDetail): void {
    this.report.set(report);
    this.narrative = { ...report.narrative };
    this.saved.set(null);
  }
}
