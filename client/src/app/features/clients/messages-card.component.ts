import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatSlideToggleModule, type MatSlideToggleChange } from '@angular/material/slide-toggle';
import {
  ApiRoutes,
  apiUrl,
  PLANNED_MESSAGE_KIND_LABELS,
  type ClientMessages,
  type ReminderConsent,
} from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import { PendingAction } from '../../shared/pending-action';

/**
 * The client's reminder consent and the latest messages Cairn planned or sent them: kind, times
 * and status only (never a body), so staff can answer "did they get the reminder?". Whoever may
 * edit the file (the admin) records a change of consent the client asked for.
 */
@Component({
  selector: 'cairn-messages-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatSlideToggleModule, ClinicTimePipe],
  template: `
    <section class="card" aria-labelledby="client-messages-heading">
      <header>
        <h2 id="client-messages-heading">Messages</h2>
      </header>
      @if (card.value(); as current) {
        @if (canChange()) {
          <mat-slide-toggle
            [checked]="current.consent"
            [disabled]="saving.busy()"
            (change)="change($event)"
          >
            Email reminders and notices
          </mat-slide-toggle>
        } @else {
          <p>
            {{
              current.consent
                ? 'The client wants email reminders and notices.'
                : 'The client has not asked for email reminders.'
            }}
          </p>
        }
        @if (current.messages.length) {
          <ul class="messages">
            @for (message of current.messages; track message.id) {
              <li>
                <strong>{{ kinds[message.kind] }}</strong> · {{ message.status }} · planned
                {{ message.dueAt | clinicTime }}
                @if (message.sentAt) {
                  · sent {{ message.sentAt | clinicTime }}
                }
              </li>
            }
          </ul>
        } @else {
          <p class="note">No messages yet.</p>
        }
      } @else if (card.error()) {
        <p class="problem" role="alert">The messages could not be loaded.</p>
      }
      @if (saving.error(); as problem) {
        <p class="problem" role="alert">{{ problem }}</p>
      }
    </section>
  `,
  styleUrl: './clinical-card.scss',
})
export class MessagesCardComponent {
  private readonly http = inject(HttpClient);
  readonly clientId = input.required<string>();
  readonly canChange = input(false);

  protected readonly kinds = PLANNED_MESSAGE_KIND_LABELS;
  protected readonly card = rxResource({
    params: () => this.clientId(),
    stream: ({ params: id }) =>
      this.http.get<ClientMessages>(apiUrl(ApiRoutes.messages.clientMessages, { id })),
  });
  protected readonly saving = new PendingAction();

  protected async change(event: MatSlideToggleChange): Promise<void> {
    await this.saving.run(async () => {
      await firstValueFrom(
        this.http.put<ReminderConsent>(
          apiUrl(ApiRoutes.messages.clientConsent, { id: this.clientId() }),
          { consent: event.checked },
        ),
      );
      // Withdrawing stops planned messages: show their new status.
      this.card.reload();
    }, 'The consent could not be saved.');
  }
}
