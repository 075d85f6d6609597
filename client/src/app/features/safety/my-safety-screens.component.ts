import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { MySafetyApiService } from './safety-api.service';

/** The client's open safety screen, if their therapist sent one: a link, and nothing more. */
@Component({
  selector: 'cairn-my-safety-screens',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    @if (open().length) {
      <h2>A few private questions</h2>
      <ul class="items">
        @for (screen of open(); track screen.id) {
          <li>
            <a [routerLink]="['/portal/safety', screen.id]">Before joint sessions</a>
            <span class="quiet">Only your therapist sees your answers.</span>
          </li>
        }
      </ul>
    }
  `,
  styles: `
    h2 {
      font: var(--mat-sys-title-medium);
      margin-top: 24px;
    }
    .items {
      list-style: none;
      padding: 0;
    }
    .items li {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      padding: 12px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .quiet {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class MySafetyScreensComponent {
  private readonly api = inject(MySafetyApiService);
  private readonly screens = rxResource({ stream: () => this.api.list() });
  protected readonly open = computed(() =>
    (this.screens.value() ?? []).filter((screen) => screen.status === 'in_progress'),
  );
}
