import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * A page whose feature has not been built yet. It says so plainly rather than pretending: the
 * route, navigation and access rules exist, the content arrives with its feature.
 */
@Component({
  selector: 'cairn-planned-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ heading() }}</h1>
    <div class="empty" role="status">
      <p>{{ message() }}</p>
    </div>
  `,
  styles: `
    h1 {
      font: var(--mat-sys-headline-small);
      margin: 0 0 16px;
    }
    .empty {
      padding: 32px;
      border: 1px dashed var(--mat-sys-outline-variant);
      border-radius: 12px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class PlannedPage {
  /** Route data, bound by the router. */
  readonly heading = input.required<string>();
  readonly message = input.required<string>();
}
