import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { firstValueFrom } from 'rxjs';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import { PendingAction } from '../../shared/pending-action';
import { saveFile } from '../notes/notes-api.service';
import { inProgress, RecordExportsApiService } from './record-exports-api.service';

const POLL_MS = 3000;

/**
 * The portal's "copy of my file": the client asks, the therapist releases it, the client
 * downloads it. Plain words only: someone else may be looking at the screen.
 */
@Component({
  selector: 'cairn-record-copy',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClinicTimePipe],
  template: `
    <section aria-labelledby="record-copy-heading">
      <h2 id="record-copy-heading">A copy of your file</h2>
      @if (latest(); as copy) {
        @switch (copy.status) {
          @case ('ready') {
            <p class="quiet">
              Your copy is ready.
              @if (copy.expiresAt) {
                You can download it until {{ copy.expiresAt | clinicTime: 'date' }}.
              }
            </p>
            <button
              class="cairn-button stroked"
              type="button"
              [disabled]="action.busy()"
              (click)="download(copy.id)"
            >
              Download your copy
            </button>
          }
          @case ('requested') {
            <p class="quiet">You asked for a copy. The clinic will prepare it for you.</p>
          }
          @case ('queued') {
            <p class="quiet">Your copy is being prepared.</p>
          }
          @case ('running') {
            <p class="quiet">Your copy is being prepared.</p>
          }
          @default {
            <p class="quiet">You can ask for a copy of your file at any time.</p>
            <button
              class="cairn-button stroked"
              type="button"
              [disabled]="action.busy()"
              (click)="ask()"
            >
              Ask for a copy
            </button>
          }
        }
      } @else if (copies.hasValue()) {
        <p class="quiet">You can ask for a copy of your file at any time.</p>
        <button
          class="cairn-button stroked"
          type="button"
          [disabled]="action.busy()"
          (click)="ask()"
        >
          Ask for a copy
        </button>
      }
      @if (action.error(); as message) {
        <p role="alert">{{ message }}</p>
      }
    </section>
  `,
})
export class RecordCopyComponent {
  private readonly api = inject(RecordExportsApiService);
  protected readonly action = new PendingAction();
  protected readonly copies = rxResource({ stream: () => this.api.mine() });

  constructor() {
    let timer: ReturnType<typeof setTimeout> | undefined;
    effect(() => {
      clearTimeout(timer);
      if (inProgress(this.copies.value())) {
        timer = setTimeout(() => this.copies.reload(), POLL_MS);
      }
    });
    inject(DestroyRef).onDestroy(() => clearTimeout(timer));
  }

  protected latest() {
    return this.copies.value()?.[0] ?? null;
  }

  protected async ask(): Promise<void> {
    await this.action.run(async () => {
      await firstValueFrom(this.api.requestOwn());
      this.copies.reload();
    }, 'Your request could not be sent. Please try again.');
  }

  protected async download(id: string): Promise<void> {
    await this.action.run(async () => {
      const today = new Date().toISOString().slice(0, 10);
      // A plain name: downloads lists are seen by others.
      saveFile(await firstValueFrom(this.api.download(id)), `document-${today}.zip`);
    }, 'The download did not work. Please try again.');
  }
}
