import {
  afterEveryRender,
  ChangeDetectionStrategy,
  Component,
  input,
  signal,
  viewChild,
} from '@angular/core';
import {
  LegendPosition,
  LineChartComponent,
  LineChartModule,
  type Color,
} from '@swimlane/ngx-charts';
import type { ChartMarker, ChartSeries, ReferenceLine, TimeSpan } from './progress-charts';

/** Where ngx-charts drew the plot inside its SVG, in pixels. */
interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * A line chart over time with the client's timeline events drawn across it as labelled dashed
 * lines (as the PDF draws them). ngx-charts has no vertical markers, so they sit in a layer over
 * the SVG, placed from the plot area the chart computed. The page hides the whole figure from
 * screen readers; the events are listed in words on the page.
 */
@Component({
  selector: 'cairn-timeline-line-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LineChartModule],
  template: `
    <div class="figure">
      <ngx-charts-line-chart
        [results]="results()"
        [scheme]="scheme()"
        [xAxis]="true"
        [yAxis]="true"
        [legend]="true"
        [legendPosition]="legendBelow"
        [autoScale]="false"
        [yScaleMin]="yMin()"
        [yScaleMax]="yMax()"
        [xScaleMin]="span().min"
        [xScaleMax]="span().max"
        [referenceLines]="referenceLines()"
        [showRefLines]="referenceLines().length > 0"
        [showRefLabels]="true"
        [xAxisTickFormatting]="xTick()"
        [animations]="false"
        [view]="view()"
      />
      @if (plot(); as box) {
        @for (marker of markers(); track marker.id) {
          <div
            class="marker"
            [class.second-row]="marker.row === 1"
            [style.left.px]="box.left + marker.at * box.width"
            [style.top.px]="labelRoom + box.top"
            [style.height.px]="box.height"
            [title]="marker.title"
          >
            <span class="label">{{ marker.label }}</span>
          </div>
        }
      }
    </div>
  `,
  styles: `
    .figure {
      position: relative;
      // Room above the plot for the event labels, so they never cover a score.
      padding-top: 36px;
    }
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
export class TimelineLineChartComponent {
  readonly results = input.required<ChartSeries[]>();
  readonly scheme = input.required<Color>();
  readonly span = input.required<TimeSpan>();
  readonly yMin = input(0);
  readonly yMax = input(0);
  readonly referenceLines = input<ReferenceLine[]>([]);
  readonly markers = input<ChartMarker[]>([]);
  readonly xTick = input.required<(value: Date | string) => string>();
  readonly view = input<[number, number]>([560, 220]);

  protected readonly legendBelow = LegendPosition.Below;
  /** Pixels above the SVG for the event labels (the figure's top padding). */
  protected readonly labelRoom = 36;
  private readonly chart = viewChild(LineChartComponent);
  protected readonly plot = signal<PlotBox | null>(null, {
    equal: (a, b) =>
      a?.left === b?.left && a?.top === b?.top && a?.width === b?.width && a?.height === b?.height,
  });

  constructor() {
    // The plot's offset depends on the y-axis labels' width, known only once they are drawn.
    afterEveryRender(() => {
      const chart = this.chart();
      if (!chart?.dims) return;
      this.plot.set({
        left: chart.dims.xOffset ?? 0,
        top: chart.margin[0] ?? 0,
        width: chart.dims.width,
        height: chart.dims.height,
      });
    });
  }
}
