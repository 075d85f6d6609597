import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** A timeline event placed over a chart, in pixels from the figure's left edge. */
export interface PlacedMarker {
  id: string;
  label: string;
  title: string;
  row: 0 | 1;
  left: number;
}

/**
 * The client's timeline events drawn across a chart as labelled dashed lines (as the PDF draws
 * them). ngx-charts has no vertical markers, so they sit in a layer over its SVG: the chart that
 * uses this places them from the plot area it computed. Positioned against the chart's figure
 * (the nearest positioned ancestor), whose top padding holds the labels.
 */
@Component({
  selector: 'cairn-chart-markers',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (marker of markers(); track marker.id) {
      <div
        class="marker"
        [class.second-row]="marker.row === 1"
        [style.left.px]="marker.left"
        [style.top.px]="top()"
        [style.height.px]="height()"
        [title]="marker.title"
      >
        <span class="label">{{ marker.label }}</span>
      </div>
    }
  `,
  styles: `
    .marker {
      position: absolute;
      border-left: 1.5px dashed #6b5b95;
      pointer-events: none;
    }
    .label {
      position: absolute;
      bottom: 100%;
      left: 0;
      transform: translateX(-50%);
      margin-bottom: 4px;
      padding: 0 4px;
      white-space: nowrap;
      font: 500 11px/16px var(--mat-sys-body-small-font, sans-serif);
      color: #4e4170;
      background: var(--mat-sys-surface-container-lowest);
      border-radius: 4px;
    }
    .second-row .label {
      margin-bottom: 21px;
    }
  `,
})
export class ChartMarkersComponent {
  readonly markers = input.required<PlacedMarker[]>();
  /** Where the plot begins, from the figure's top edge. */
  readonly top = input.required<number>();
  readonly height = input.required<number>();
}
