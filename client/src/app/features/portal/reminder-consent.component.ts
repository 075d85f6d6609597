import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, type ResourceRef } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
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
  template: `
    <section aria-labelledby="reminders-heading">
      <h2 id="reminders-heading">Email reminders</h2>
      @if (consent.value(); as current) {
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            [checked]="current.consent"
            [disabled]="saving.busy()"
            (change)="change($event)"
          />
          <span>Email me before appointments and when something is waiting here</span>
        </label>
        <p class="muted">
          The emails say only the day, the time and the practice's name. Anyone who can read your
          email could see them.
        </p>
        @if (nudges.value(); as mine) {
          <label class="switch">
            <input
              type="checkbox"
              role="switch"
              [checked]="mine.consent"
              [disabled]="saving.busy() || !current.consent"
              (change)="changeNudges($event)"
            />
            <span>Also remind me of exercises I have not done yet (at most once a day)</span>
          </label>
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
  // A native switch: the portal is read on phones, where Material's toggle (and the forms
  // package it brings) costs more to load than it gives.
  styles: `
    .switch {
      display: flex;
      align-items: flex-start;
      gap: 12px;
      cursor: pointer;
      padding: 4px 0;
    }
    .switch input {
      appearance: none;
      flex: 0 0 auto;
      position: relative;
      width: 44px;
      height: 24px;
      margin: 0;
      border-radius: 12px;
      border: 2px solid var(--mat-sys-outline);
      background: var(--mat-sys-surface-container-highest);
      cursor: pointer;
      transition: background-color 120ms;
    }
    .switch input::after {
      content: '';
      position: absolute;
      top: 3px;
      left: 3px;
      width: 14px;
      height: 14px;
      border-radius: 50%;
      background: var(--mat-sys-outline);
      transition: transform 120ms;
    }
    .switch input:checked {
      border-color: var(--mat-sys-primary);
      background: var(--mat-sys-primary);
    }
    .switch input:checked::after {
      background: var(--mat-sys-on-primary);
      transform: translateX(20px);
    }
    .switch input:disabled {
      opacity: 0.5;
      cursor: default;
    }
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

  protected change(event: Event): Promise<void> {
    return this.save(event, ApiRoutes.myReminderConsent, this.consent);
  }

  protected changeNudges(event: Event): Promise<void> {
    return this.save(event, ApiRoutes.myHomeworkNudges, this.nudges);
  }

  private async save<T extends { consent: boolean }>(
    event: Event,
    route: string,
    choice: ResourceRef<T | undefined>,
  ): Promise<void> {
    const box = event.target as HTMLInputElement;
    await this.saving.run(async () => {
      choice.set(await firstValueFrom(this.http.put<T>(apiUrl(route), { consent: box.checked })));
    });
    // A refused change must not leave the switch showing what was not saved.
    box.checked = choice.value()?.consent ?? !box.checked;
  }
}
