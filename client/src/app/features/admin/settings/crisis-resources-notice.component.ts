import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { ClinicSettingsApiService } from './clinic-settings-api.service';

/**
 * The admin's reminder, on their home page, while the clinic has no crisis resources of its own
 * (a clinic outside the US starts without them): its clients see only a general pointer to local
 * emergency services until the admin writes them.
 */
@Component({
  selector: 'cairn-crisis-resources-notice',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    @if (settings.value()?.crisisResourcesMissing) {
      <p class="notice" role="alert">
        <strong>Your clients have no crisis resources from the clinic yet.</strong>
        Until you add them, the portal's "If you need help now" only points to local emergency
        services.
        <a routerLink="/admin/settings" fragment="crisis">Add crisis resources</a>
      </p>
    }
  `,
  styles: `
    .notice {
      margin: 0 0 16px;
      padding: 12px 16px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    a {
      color: inherit;
      font-weight: 600;
      margin-left: 4px;
    }
  `,
})
export class CrisisResourcesNoticeComponent {
  private readonly api = inject(ClinicSettingsApiService);
  protected readonly settings = rxResource({ stream: () => this.api.get() });
}
