import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  HostListener,
  inject,
  input,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { BarChartModule, LegendPosition, ScaleType, type Color } from '@swimlane/ngx-charts';
import {
  percent,
  TIMELINE_EVENT_LABELS,
  type DateRange,
  type MeasureSeries,
} from '@cairn/contracts';
import { CalendarDayPipe } from '../../shared/calendar-day.pipe';
import { errorMessage } from '../../shared/api-error';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import {
  adherenceBars,
  adherenceSummary,
  chartMarkers,
  chartSpan,
  periodSpan,
  checkInLines,
  checkInSummary,
  measureSummary,
  measureReferenceLines,
  measureSeries,
  trustBars,
  weekMarkers,
  type ChartSeries,
} from './progress-charts';
import { TimelineLineChartComponent } from './timeline-line-chart.component';
import { WeeklyBarChartComponent } from './weekly-bar-chart.component';
import { TRUST_PATTERNS_INTERPRETATION } from '@cairn/instruments';
import { ProgressApiService } from './progress-api.service';
import { ReportsPanelComponent } from './reports-panel.component';

/** Axis labels are formatted on every chart render: build the formatters once. */
const TICK_DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });
const TICK_WEEK = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** Weekly bars are one series: one colour, not a colour per week. */
const SINGLE: Color = {
  name: 'cairn-single',
  selectable: false,
  group: ScaleType.Ordinal,
  domain: ['#2f5d62'],
};

const SCHEME: Color = {
  name: 'cairn',
  selectable: false,
  group: ScaleType.Ordinal,
  domain: ['#2f5d62', '#c0703a', '#9fb8bb', '#6b5b95'],
};

/**
 * A client's progress at a glance for the treating therapist: every chart with its figures beside
 * it (a chart is never the only way to read a number), over a period the therapist picks, and the
 * progress reports made from the same figures.
 */
import { SkeletonComponent } from '../../shared/skeleton.component';
@Component({
  selector: 'cairn-progress',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CalendarDayPipe,
    SkeletonComponent,
    RouterLink,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    BarChartModule,
    TimelineLineChartComponent,
    WeeklyBarChartComponent,
    ClinicTimePipe,
    ReportsPanelComponent,
  ],
  templateUrl: './progress.page.html',
  styleUrl: './progress.page.scss',
})
export class ProgressPage {
  private readonly api = inject(ProgressApiService);

  /** Route parameter: the client. */
  readonly id = input.required<string>();

  /**
   * The charts' width: 560 px where there is room, else what the phone's screen leaves beside the
   * page and card padding (ngx-charts draws at a fixed size; a wider chart would be cut off).
   */
  protected readonly chartWidth = signal(chartWidthFor(window.innerWidth));
  @HostListener('window:resize')
  protected resized(): void {
    this.chartWidth.set(chartWidthFor(window.innerWidth));
  }

  protected readonly scheme = SCHEME;
  protected readonly single = SINGLE;
  protected readonly eventLabels = TIMELINE_EVENT_LABELS;
  protected readonly percent = percent;
  protected readonly requested = signal<Partial<DateRange>>({});
  protected from = '';
  protected to = '';

  protected readonly progress = rxResource({
    params: () => ({ id: this.id(), range: this.requested() }),
    stream: ({ params }) => this.api.progress(params.id, params.range),
  });
  protected readonly data = computed(() =>
    this.progress.hasValue() ? this.progress.value() : null,
  );
  protected readonly loadError = computed(() =>
    this.progress.error()
      ? errorMessage(this.progress.error(), 'The progress could not be loaded.')
      : null,
  );
  protected readonly trust = computed(() => {
    const data = this.data();
    return data ? trustBars(data) : [];
  });
  protected readonly adherence = computed(() => {
    const data = this.data();
    return data ? adherenceBars(data) : [];
  });
  protected readonly checkIns = computed(() => {
    const data = this.data();
    return data ? checkInLines(data) : [];
  });
  /** Each score chart on its own time axis, with the timeline events that fall inside it. */
  protected readonly measureCharts = computed(() => {
    const data = this.data();
    return new Map(
      (data?.measures ?? []).map((measure) => [
        measure.instrumentCode,
        {
          ...this.axis(measureSeries(measure)),
          references: measureReferenceLines(measure),
        },
      ]),
    );
  });
  /** The events across the whole period, for the strip above the charts. */
  protected readonly periodMarkers = computed(() => {
    const data = this.data();
    return data ? chartMarkers(data.timeline, periodSpan(data.range), TIMELINE_EVENT_LABELS) : [];
  });
  protected readonly checkInChart = computed(() => this.axis(this.checkIns()));
  /** The events that fall in the weeks the homework bars show. */
  protected readonly adherenceMarkers = computed(() => {
    const data = this.data();
    if (!data) return [];
    return weekMarkers(
      data.timeline,
      this.adherence().map((week) => week.name),
      TIMELINE_EVENT_LABELS,
    );
  });
  protected readonly legendBelow = LegendPosition.Below;

  /** The inventory's real anchors, from the data (or its own scale for an older snapshot). */
  protected readonly trustScale = computed(
    () =>
      this.data()?.trustPatterns?.scale ?? {
        min: 0,
        minLabel: 'Never',
        max: 4,
        maxLabel: 'Almost always',
      },
  );
  protected readonly trustNote = TRUST_PATTERNS_INTERPRETATION.note;

  /** Cluster sums and the DSM-5 rule per administration, for instruments that have a rule. */
  protected clusters(measure: MeasureSeries) {
    return measure.points
      .filter((point) => (point.diagnostic ?? []).length > 0)
      .map((point) => ({
        id: point.assessmentId,
        completedAt: point.completedAt,
        clusters: point.subscales,
        ruleMet: (point.diagnostic ?? []).every((finding) => finding.met),
      }));
  }

  protected readonly measureSummary = measureSummary;
  protected readonly adherenceSummary = adherenceSummary;
  protected readonly checkInSummary = checkInSummary;
  /** "Trust Patterns: 6 patterns, at intake and latest", with the patterns that moved most. */
  protected readonly trustSummary = computed(() => {
    const bars = this.trust();
    if (bars.length === 0) return '';
    const moved = bars
      .map((bar) => ({
        name: bar.name,
        delta: (bar.series[1]?.value ?? bar.series[0]?.value ?? 0) - (bar.series[0]?.value ?? 0),
      }))
      .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))[0];
    const latest = bars.some((bar) => bar.series.length > 1);
    return latest && moved && moved.delta !== 0
      ? `Trust Patterns: ${bars.length} patterns at intake and latest; ${moved.name} moved most (${moved.delta > 0 ? '+' : ''}${moved.delta.toFixed(1)}).`
      : `Trust Patterns: ${bars.length} patterns at intake.`;
  });

  /** A chart's lines, its own time axis (from its first point to its last) and its markers. */
  private axis(lines: ChartSeries[]) {
    const data = this.data();
    if (!data) return { lines, span: { min: 0, max: 1 }, markers: [] };
    const span = chartSpan(lines, data.range);
    return { lines, span, markers: chartMarkers(data.timeline, span, TIMELINE_EVENT_LABELS) };
  }

  constructor() {
    // The period shown fills the inputs, so the therapist edits it rather than starting blank.
    effect(() => {
      const range = this.data()?.range;
      if (range) {
        this.from = range.from;
        this.to = range.to;
      }
    });
  }

  protected apply(): void {
    this.requested.set({
      ...(this.from ? { from: this.from } : {}),
      ...(this.to ? { to: this.to } : {}),
    });
  }

  protected readonly dateTick = (value: Date | string): string => TICK_DAY.format(new Date(value));
  protected readonly weekTick = (value: string): string =>
    TICK_WEEK.format(new Date(`${value}T12:00:00Z`));
  protected readonly percentTick = (value: number): string => `${value}%`;
}

function chartWidthFor(viewport: number): number {
  return viewport >= 720 ? 560 : Math.max(260, viewport - 88);
}
