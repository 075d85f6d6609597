import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatSlideToggleModule, type MatSlideToggleChange } from '@angular/material/slide-toggle';
import { ApiRoutes, apiUrl, type MyMessagePreferences } from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { PendingAction } from '../../shared/pending-action';

/** A therapist's choice about the morning email of counts (on unless they turn it off). */
@Component({
  selector: 'cairn-digest-preference',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatSlideToggleModule],
  template: `
    <section aria-labelledby="digest-heading">
      <h2 id="digest-heading">Daily summary email</h2>
      @if (preferences.value(); as current) {
        <mat-slide-toggle
          [checked]="current.dailyDigest"
          [disabled]="saving.busy()"
          (change)="change($event)"
        >
          Email me a summary at 07:00
        </mat-slide-toggle>
        <p class="muted">
          Counts only: notes past due, questionnaires overdue, alerts waiting. No names. Not sent on
          a day when all three are zero.
        </p>
      }
      @if (saving.error(); as problem) {
        <p role="alert">{{ problem }}</p>
      }
    </section>
  `,
})
export class DigestPreferenceComponent {
  private readonly http = inject(HttpClient);
  protected readonly preferences = rxResource({
    stream: () => this.http.get<MyMessagePreferences>(apiUrl(ApiRoutes.myMessagePreferences)),
  });
  protected readonly saving = new PendingAction();

  protected async change(event: MatSlideToggleChange): Promise<void> {
    await this.saving.run(async () => {
      const saved = await firstValueFrom(
        this.http.put<MyMessagePreferences>(apiUrl(ApiRoutes.myMessagePreferences), {
          dailyDigest: event.checked,
        }),
      );
      this.preferences.set(saved);
    }, 'The choice could not be saved.');
  }
}
