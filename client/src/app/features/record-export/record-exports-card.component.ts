import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { RecordExportView } from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import { PendingAction } from '../../shared/pending-action';
import { saveFile } from '../notes/notes-api.service';
import { inProgress, RecordExportsApiService } from './record-exports-api.service';

const POLL_MS = 1500;

const STATUS_WORDS: Record<RecordExportView['status'], string> = {
  requested: 'Asked for by the client: waiting for your release',
  queued: 'Waiting to be built',
  running: 'Being built',
  ready: 'Ready',
  failed: 'Could not be built',
  expired: 'Expired',
};

/**
 * Exports of the whole record (FHIR, the chart as a PDF, CSV files) built as a job: ask for one,
 * watch its progress, download it for a week. The client's own requests appear here too, for the
 * treating therapist to release (their copy leaves out session notes, risk flags and the partner).
 */
@Component({
  selector: 'cairn-record-exports-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatProgressBarModule, ClinicTimePipe],
  template: `
    <section class="card" aria-labelledby="record-exports-heading">
      <header>
        <h2 id="record-exports-heading">Record export</h2>
        <button mat-stroked-button type="button" [disabled]="action.busy()" (click)="create()">
          Export the record
        </button>
      </header>
      @if (exports.value(); as list) {
        @if (list.length) {
          <ul class="exports">
            @for (item of list; track item.id) {
              <li>
                <strong>{{ item.audience === 'client' ? "Client's copy" : 'Export' }}</strong>
                · {{ words[item.status] }} · asked {{ item.requestedAt | clinicTime }}
                @if (item.status === 'queued' || item.status === 'running') {
                  <mat-progress-bar
                    mode="determinate"
                    [value]="(100 * item.progress.done) / item.progress.total"
                    [attr.aria-label]="'Step ' + item.progress.done + ' of ' + item.progress.total"
                  />
                }
                @if (item.status === 'requested' && canRelease()) {
                  <p class="quiet">
                    Their copy holds their details, intake, scores, homework and final reports. It
                    leaves out session notes, risk flags and anything of a partner's.
                  </p>
                  <button
                    mat-flat-button
                    type="button"
                    [disabled]="action.busy()"
                    (click)="release(item.id)"
                  >
                    Release to the client
                  </button>
                }
                @if (item.status === 'ready') {
                  <button
                    mat-button
                    type="button"
                    [disabled]="action.busy()"
                    (click)="download(item.id)"
                  >
                    Download
                  </button>
                  <span class="note">until {{ item.expiresAt | clinicTime }}</span>
                }
                @if (item.error) {
                  <span class="problem">{{ item.error }}</span>
                }
              </li>
            }
          </ul>
        } @else {
          <p class="note">No exports yet.</p>
        }
      } @else if (exports.error()) {
        <p class="problem" role="alert">The exports could not be loaded.</p>
      }
      @if (action.error(); as problem) {
        <p class="problem" role="alert">{{ problem }}</p>
      }
    </section>
  `,
  styleUrl: '../clients/clinical-card.scss',
  styles: `
    .quiet {
      color: var(--mat-sys-on-surface-variant);
      margin: 4px 0;
    }
    .exports {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 8px;
    }
  `,
})
export class RecordExportsCardComponent {
  private readonly api = inject(RecordExportsApiService);
  readonly clientId = input.required<string>();
  /** Only the treating therapist releases a client's copy. */
  readonly canRelease = input(false);

  protected readonly words = STATUS_WORDS;
  protected readonly action = new PendingAction();
  protected readonly exports = rxResource({
    params: () => this.clientId(),
    stream: ({ params: id }) => this.api.forClient(id),
  });

  constructor() {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // While a build runs, its progress is asked for again.
    effect(() => {
      clearTimeout(timer);
      if (inProgress(this.exports.value())) {
        timer = setTimeout(() => this.exports.reload(), POLL_MS);
      }
    });
    inject(DestroyRef).onDestroy(() => clearTimeout(timer));
  }

  protected async create(): Promise<void> {
    await this.action.run(async () => {
      await firstValueFrom(this.api.create(this.clientId()));
      this.exports.reload();
    }, 'The export could not be started.');
  }

  protected async release(id: string): Promise<void> {
    await this.action.run(async () => {
      await firstValueFrom(this.api.release(id));
      this.exports.reload();
    }, 'The copy could not be released.');
  }

  protected async download(id: string): Promise<void> {
    await this.action.run(async () => {
      const today = new Date().toISOString().slice(0, 10);
      saveFile(await firstValueFrom(this.api.download(id)), `record-${today}.zip`);
    }, 'The export could not be downloaded.');
  }
}
