import {
  afterEveryRender,
  ChangeDetectionStrategy,
  Component,
  computed,
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
import { ChartMarkersComponent } from './chart-markers.component';
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
 * lines, placed on its time axis. The page hides the whole figure from screen readers; the events
 * are listed in words on the page.
 */
@Component({
  selector: 'cairn-timeline-line-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LineChartModule, ChartMarkersComponent],
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
        <cairn-chart-markers
          [markers]="placed()"
          [top]="labelRoom + box.top"
          [height]="box.height"
        />
      }
    </div>
  `,
  styles: `
    .figure {
      position: relative;
      // Room above the plot for the event labels, so they never cover a score.
      padding-top: 36px;
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

  protected readonly placed = computed(() => {
    const box = this.plot();
    if (!box) return [];
    return this.markers().map((marker) => ({ ...marker, left: box.left + marker.at * box.width }));
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
