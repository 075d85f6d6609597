import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatSlideToggleModule, type MatSlideToggleChange } from '@angular/material/slide-toggle';
import {
  ApiRoutes,
  apiUrl,
  type HomeworkNudgeConsent,
  type ReminderConsent,
} from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { PendingAction } from '../../shared/pending-action';

/**
 * The client's own choice about email reminders and notices, and (only theirs to turn on) a
 * daily nudge about homework still owed. The emails are plain ("You have an
 * appointment on Tue 8 Dec at 10:00 with …"), but only the client knows who reads their inbox.
 */
@Component({
  selector: 'cairn-reminder-consent',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatSlideToggleModule],
  template: `
    <section aria-labelledby="reminders-heading">
      <h2 id="reminders-heading">Email reminders</h2>
      @if (consent.value(); as current) {
        <mat-slide-toggle
          [checked]="current.consent"
          [disabled]="saving.busy()"
          (change)="change($event)"
        >
          Email me before appointments and when something is waiting here
        </mat-slide-toggle>
        <p class="muted">
          The emails say only the day, the time and the practice's name. Anyone who can read your
          email could see them.
        </p>
        @if (nudges.value(); as mine) {
          <mat-slide-toggle
            [checked]="mine.consent"
            [disabled]="saving.busy() || !current.consent"
            (change)="changeNudges($event)"
          >
            Also remind me of exercises I have not done yet (at most once a day)
          </mat-slide-toggle>
          <p class="muted">
            The email says only "Something is waiting for you in your portal", in the early
            evening.{{ current.consent ? '' : ' Turn on email reminders first.' }}
          </p>
        }
      }
      @if (saving.error(); as problem) {
        <p role="alert">{{ problem }}</p>
      }
    </section>
  `,
})
export class ReminderConsentComponent {
  private readonly http = inject(HttpClient);
  protected readonly consent = rxResource({
    stream: () => this.http.get<ReminderConsent>(apiUrl(ApiRoutes.myReminderConsent)),
  });
  protected readonly nudges = rxResource({
    stream: () => this.http.get<HomeworkNudgeConsent>(apiUrl(ApiRoutes.myHomeworkNudges)),
  });
  protected readonly saving = new PendingAction();

  protected async changeNudges(event: MatSlideToggleChange): Promise<void> {
    await this.saving.run(async () => {
      const saved = await firstValueFrom(
        this.http.put<HomeworkNudgeConsent>(apiUrl(ApiRoutes.myHomeworkNudges), {
          consent: event.checked,
        }),
      );
      this.nudges.set(saved);
    });
  }

  protected async change(event: MatSlideToggleChange): Promise<void> {
    await this.saving.run(async () => {
      const saved = await firstValueFrom(
        this.http.put<ReminderConsent>(apiUrl(ApiRoutes.myReminderConsent), {
          consent: event.checked,
        }),
      );
      this.consent.set(saved);
    });
  }
}
