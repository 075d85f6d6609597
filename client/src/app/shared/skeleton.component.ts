import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/**
 * What a region shows while its data is on the way: grey bars in the shape of what will come.
 * Never an empty state: "nothing booked" is only said once the answer has arrived. Announced
 * politely to screen readers as "Loading <label>".
 */
@Component({
  selector: 'cairn-skeleton',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'status', class: 'cairn-skeleton', '[attr.data-testid]': '"skeleton"' },
  template: `
    <span class="visually-hidden">Loading {{ label() }}…</span>
    @for (line of rows(); track $index) {
      <span class="bar" aria-hidden="true" [style.width]="line"></span>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: var(--cairn-space-3);
      padding: var(--cairn-space-2) 0;
    }
    .bar {
      display: block;
      height: var(--cairn-skeleton-height, 16px);
      border-radius: 6px;
      background: var(--mat-sys-surface-container-high);
      // A pulse of opacity runs on the compositor; the sliding gradient it replaces repainted
      // every bar on the main thread each frame (on a phone, a task every 15 ms while loading).
      animation: pulse 1.4s ease-in-out infinite;
      will-change: opacity;
    }
    @keyframes pulse {
      50% {
        opacity: 0.5;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .bar {
        animation: none;
      }
    }
  `,
})
export class SkeletonComponent {
  /** What is loading, in words ("appointments"). */
  readonly label = input('content');
  readonly lines = input(3);
  protected readonly rows = computed(() =>
    Array.from({ length: this.lines() }, (_, index) => `${[92, 76, 84, 64, 88][index % 5]}%`),
  );
}
