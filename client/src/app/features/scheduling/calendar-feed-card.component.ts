import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import { firstValueFrom } from 'rxjs';
import { PendingAction } from '../../shared/pending-action';
import { SchedulingApiService } from './scheduling-api.service';

/** The therapist's secret calendar link for a phone or desktop calendar; revocable. */
@Component({
  selector: 'cairn-calendar-feed-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, ClinicTimePipe],
  template: `
    <section class="card" aria-labelledby="feed-heading">
      <h2 id="feed-heading">Calendar link</h2>
      <p class="muted">
        Subscribe from your phone or desktop calendar. It shows times, kind and client initials
        only. Anyone with the link can read it, so keep it private; making a new one or turning it
        off stops the old link at once.
      </p>
      @if (created(); as url) {
        <p>Copy this link now; it will not be shown again:</p>
        <code class="url">{{ url }}</code>
      } @else if (status.value()?.active) {
        <p>A link is active (made {{ status.value()?.createdAt | clinicTime }}).</p>
      }
      <div class="actions">
        <button mat-stroked-button type="button" [disabled]="action.busy()" (click)="create()">
          {{ status.value()?.active ? 'Make a new link' : 'Make a calendar link' }}
        </button>
        @if (status.value()?.active) {
          <button mat-button type="button" [disabled]="action.busy()" (click)="revoke()">
            Turn off the link
          </button>
        }
      </div>
      @if (action.error(); as message) {
        <p class="problem" role="alert">{{ message }}</p>
      }
    </section>
  `,
  styles: `
    .card {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 16px;
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 0;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .url {
      display: block;
      word-break: break-all;
      padding: 8px;
      background: var(--mat-sys-surface-container);
      border-radius: 8px;
    }
    .actions {
      display: flex;
      gap: 8px;
      margin-top: 8px;
    }
    .problem {
      color: var(--mat-sys-error);
    }
  `,
})
export class CalendarFeedCardComponent {
  private readonly api = inject(SchedulingApiService);
  readonly therapistId = input.required<string>();
  protected readonly action = new PendingAction();
  protected readonly created = signal<string | null>(null);
  protected readonly status = rxResource({
    params: () => this.therapistId(),
    stream: ({ params }) => this.api.feedStatus(params),
  });

  protected create(): Promise<void> {
    return this.action.run(async () => {
      const made = await firstValueFrom(this.api.createFeed(this.therapistId()));
      this.created.set(new URL(made.url, window.location.origin).toString());
      this.status.reload();
    });
  }

  protected revoke(): Promise<void> {
    return this.action.run(async () => {
      await firstValueFrom(this.api.revokeFeed(this.therapistId()));
      this.created.set(null);
      this.status.reload();
    });
  }
}
