import {
  afterEveryRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { BarChartModule, BarVerticalComponent, type Color } from '@swimlane/ngx-charts';
import { ChartMarkersComponent } from './chart-markers.component';
import type { ChartMarker } from './progress-charts';

/** Where ngx-charts drew the bars inside its SVG, and how far apart, in pixels. */
interface BarBox {
  left: number;
  top: number;
  width: number;
  height: number;
  /** From one bar's left edge to the next one's. */
  step: number;
  bar: number;
}

/**
 * One bar per week, with the client's timeline events drawn across it as labelled dashed lines,
 * like the charts over time: an event sits in its week's slot (see `weekMarkers`), mapped onto the
 * bars ngx-charts laid out. The page hides the whole figure from screen readers; the events are
 * listed in words on the page.
 */
@Component({
  selector: 'cairn-weekly-bar-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BarChartModule, ChartMarkersComponent],
  template: `
    <div class="figure" [class.with-markers]="markers().length > 0">
      <ngx-charts-bar-vertical
        [results]="results()"
        [scheme]="scheme()"
        [xAxis]="true"
        [yAxis]="true"
        [yScaleMax]="yMax()"
        [xAxisTickFormatting]="xTick()"
        [yAxisTickFormatting]="yTick()"
        [animations]="false"
        [view]="view()"
      />
      @if (plot(); as box) {
        <cairn-chart-markers
          [markers]="placed()"
          [top]="labelRoom() + box.top"
          [height]="box.height"
        />
      }
    </div>
  `,
  styles: `
    .figure {
      position: relative;
    }
    // Room above the bars for the event labels, only when there are events to label.
    .with-markers {
      padding-top: 36px;
    }
  `,
})
export class WeeklyBarChartComponent {
  readonly results = input.required<{ name: string; value: number }[]>();
  readonly scheme = input.required<Color>();
  readonly markers = input<ChartMarker[]>([]);
  readonly yMax = input(100);
  readonly xTick = input.required<(value: string) => string>();
  readonly yTick = input.required<(value: number) => string>();
  readonly view = input<[number, number]>([560, 220]);

  /** Pixels above the SVG for the event labels (the figure's top padding). */
  protected readonly labelRoom = computed(() => (this.markers().length > 0 ? 36 : 0));
  private readonly chart = viewChild(BarVerticalComponent);
  protected readonly plot = signal<BarBox | null>(null, {
    equal: (a, b) =>
      a?.left === b?.left &&
      a?.top === b?.top &&
      a?.width === b?.width &&
      a?.height === b?.height &&
      a?.step === b?.step &&
      a?.bar === b?.bar,
  });

  /**
   * A week's slot is its bar and half the gap either side, so the seam between two slots is the
   * middle of the gap between their bars; the first and last half gaps are clipped to the plot.
   */
  protected readonly placed = computed(() => {
    const box = this.plot();
    if (!box) return [];
    const weeks = this.results().length;
    const gap = box.step - box.bar;
    return this.markers().map((marker) => ({
      ...marker,
      left: box.left + Math.min(Math.max(marker.at * weeks * box.step - gap / 2, 0), box.width),
    }));
  });

  constructor() {
    // The plot's offset depends on the y-axis labels' width, known only once they are drawn.
    afterEveryRender(() => {
      const chart = this.chart();
      // ngx-charts types its scales as any; this one is d3's band scale.
      const bands = chart?.xScale as { step(): number; bandwidth(): number } | undefined;
      if (!chart?.dims || !bands) return;
      this.plot.set({
        left: chart.dims.xOffset ?? 0,
        top: chart.margin[0] ?? 0,
        width: chart.dims.width,
        height: chart.dims.height,
        step: bands.step(),
        bar: bands.bandwidth(),
      });
    });
  }
}
