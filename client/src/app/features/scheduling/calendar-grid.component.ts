import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import {
  APPOINTMENT_KIND_LABELS,
  APPOINTMENT_STATUS_LABELS,
  wallClockAt,
  type AppointmentView,
} from '@cairn/contracts';

/** One column of the grid: a day of a therapist's week, or a therapist on the clinic's day. */
export interface CalendarColumn {
  key: string;
  label: string;
  sublabel?: string;
  appointments: AppointmentView[];
  /** The column's date (week view), for the now line. */
  date?: string;
  /** Working hours that day, in minutes after midnight: shaded behind the appointments. */
  working?: { start: number; end: number }[];
}

const HOUR_PX = 48;

/**
 * Appointments drawn as blocks on an hour grid, in the clinic's time zone. Presentational: the
 * page decides what the columns are and what a click does.
 */
@Component({
  selector: 'cairn-calendar-grid',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="grid"
      [style.--columns]="columns().length"
      role="region"
      [attr.aria-label]="label()"
    >
      <div class="corner"></div>
      @for (column of columns(); track column.key) {
        <div class="head">
          <strong>{{ column.label }}</strong>
          @if (column.sublabel) {
            <span>{{ column.sublabel }}</span>
          }
        </div>
      }
      <div class="hours" [style.height.px]="height()">
        @for (hour of hours(); track hour) {
          <span [style.top.px]="(hour - firstHour()) * hourPx">{{ hour }}:00</span>
        }
      </div>
      @for (column of columns(); track column.key) {
        <div
          class="column"
          [style.height.px]="height()"
          role="group"
          [attr.aria-label]="column.label + ' ' + (column.sublabel ?? '')"
        >
          @for (block of column.working ?? []; track block.start) {
            <div
              class="working"
              aria-hidden="true"
              [style.top.px]="minuteTop(block.start)"
              [style.height.px]="minuteTop(block.end) - minuteTop(block.start)"
            ></div>
          }
          @for (hour of hours(); track hour) {
            <div class="line" [style.top.px]="(hour - firstHour()) * hourPx"></div>
          }
          @if (column.date && column.date === now().date) {
            <div class="now" aria-hidden="true" [style.top.px]="minuteTop(now().minutes)"></div>
          }
          @for (item of column.appointments; track item.id) {
            <button
              type="button"
              class="event"
              [class]="'event ' + item.status + ' ' + item.kind"
              [style.top.px]="top(item)"
              [style.height.px]="blockHeight(item)"
              (click)="picked.emit(item)"
              [attr.aria-label]="describe(item)"
              [title]="describe(item)"
            >
              <!-- The space between the two lines is text: without it the block's text reads
                   "Jordan Rivera10:00", which its accessible name does not contain (WCAG 2.5.3). -->
              <span class="who">{{ who(item) }}</span>{{ ' '
              }}<span class="line1"
                ><strong>{{ clock(item.start) }}–{{ clock(item.end) }}</strong
                ><span class="kind"> {{ kinds[item.kind] }}</span></span
              >
            </button>
          }
        </div>
      }
    </div>
    <ul class="legend" aria-label="Kinds of appointment">
      <li><span class="swatch session" aria-hidden="true"></span>Session</li>
      <li><span class="swatch consultation" aria-hidden="true"></span>Consultation</li>
      <li><span class="swatch completed" aria-hidden="true"></span>Held</li>
      <li><span class="swatch cancelled" aria-hidden="true"></span>Cancelled or missed</li>
      @if (hasWorking()) {
        <li><span class="swatch working" aria-hidden="true"></span>Working hours</li>
      }
      @if (showsToday()) {
        <li><span class="swatch now" aria-hidden="true"></span>Now</li>
      }
    </ul>
  `,
  styles: `
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      list-style: none;
      margin: 8px 0 0;
      padding: 0 8px;
      font: var(--mat-sys-body-small);
      li {
        display: flex;
        align-items: center;
        gap: 6px;
      }
    }
    .swatch {
      width: 14px;
      height: 14px;
      border-radius: 3px;
      border-left: 4px solid var(--mat-sys-primary);
      background: var(--mat-sys-secondary-container);
      &.consultation {
        border-left-color: var(--mat-sys-tertiary);
        background: var(--mat-sys-tertiary-container);
      }
      &.completed {
        border-left-style: dotted;
        border-left-color: var(--cairn-ok-fg);
      }
      &.cancelled {
        border-left-color: var(--mat-sys-outline);
        background: var(--mat-sys-surface-container-high);
      }
      &.working {
        border: 1px solid var(--mat-sys-outline-variant);
        background: var(--cairn-working, var(--mat-sys-surface-container-low));
      }
      &.now {
        height: 0;
        border: 0;
        border-top: 2px solid var(--cairn-now, #b3261e);
        border-radius: 0;
      }
    }
    /* Working hours: a calm shade behind the day, so open time reads at a glance. Scoped to the
       column: the legend's swatches carry the same class names and must stay in the flow. */
    .column > .working {
      position: absolute;
      left: 0;
      right: 0;
      background: var(--cairn-working, var(--mat-sys-surface-container-low));
    }
    .column > .now {
      position: absolute;
      left: 0;
      right: 0;
      z-index: 1;
      border-top: 2px solid var(--cairn-now, #b3261e);
      pointer-events: none;
      &::before {
        content: '';
        position: absolute;
        left: -5px;
        top: -6px;
        width: 10px;
        height: 10px;
        border-radius: 50%;
        background: var(--cairn-now, #b3261e);
      }
    }
    .grid {
      display: grid;
      grid-template-columns: 52px repeat(var(--columns), minmax(96px, 1fr));
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      overflow: auto;
      max-height: 70vh;
      background: var(--mat-sys-surface);
    }
    .corner,
    .head {
      position: sticky;
      top: 0;
      z-index: 2;
      background: var(--mat-sys-surface-container);
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      padding: 8px;
    }
    .head {
      display: flex;
      flex-direction: column;
      font: var(--mat-sys-label-large);
      span {
        font: var(--mat-sys-body-small);
        color: var(--mat-sys-on-surface-variant);
      }
    }
    .hours,
    .column {
      position: relative;
    }
    .hours span {
      position: absolute;
      right: 6px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      transform: translateY(-50%);
    }
    .hours span:first-child {
      transform: none;
    }
    .column {
      border-left: 1px solid var(--mat-sys-outline-variant);
    }
    .line {
      position: absolute;
      left: 0;
      right: 0;
      border-top: 1px solid var(--mat-sys-surface-variant);
    }
    .event {
      position: absolute;
      left: 4px;
      right: 4px;
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      overflow: hidden;
      padding: 2px 6px;
      border: 0;
      border-left: 4px solid var(--mat-sys-primary);
      border-radius: 6px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-body-small);
      text-align: left;
      cursor: pointer;
    }
    .event.consultation {
      border-left-color: var(--mat-sys-tertiary);
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    /* Held: marked by its edge, never faded (faded text fell to 3.9:1). */
    .event.completed {
      border-left-style: dotted;
      border-left-color: var(--cairn-ok-fg);
    }
    .event.cancelled,
    .event.no_show {
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
      border-left-color: var(--mat-sys-outline);
      text-decoration: line-through;
    }
    .event:focus-visible {
      outline: 3px solid var(--cairn-focus);
      outline-offset: 1px;
      z-index: 1;
    }
    /* Two lines, name then time, each kept whole where it fits; the full text is the tooltip. */
    .event > span {
      flex-shrink: 0;
      max-width: 100%;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
      font-size: 12px;
      line-height: 16px;
    }
    .who {
      font-weight: 600;
    }
    /* A narrow day column (a tablet's week) keeps the whole time and lets the kind go (its colour
       and the legend say it, the tooltip and the accessible name keep the word). */
    .event {
      container-type: inline-size;
    }
    @container (max-width: 120px) {
      .kind {
        display: none;
      }
      .event > span {
        font-size: 11px;
        letter-spacing: -0.01em;
      }
    }
    /* Narrow blocks give the text the padding's room (names like "Jordan Rivera" then fit). */
    @media (max-width: 1440px) {
      .event {
        padding: 2px 3px 2px 4px;
      }
    }
  `,
})
export class CalendarGridComponent {
  readonly columns = input.required<CalendarColumn[]>();
  readonly timeZone = input.required<string>();
  readonly label = input('Appointments');
  readonly picked = output<AppointmentView>();

  protected readonly hourPx = HOUR_PX;

  /** The clinic's date and minute now, moved on every minute for the now line. */
  private readonly clockTick = signal(Date.now());
  protected readonly now = computed(() => {
    const at = wallClockAt(new Date(this.clockTick()), this.timeZone());
    return { date: at.date, minutes: at.minutes };
  });
  protected readonly hasWorking = computed(() =>
    this.columns().some((column) => (column.working ?? []).length > 0),
  );
  protected readonly showsToday = computed(() =>
    this.columns().some((column) => column.date === this.now().date),
  );

  constructor() {
    const timer = setInterval(() => this.clockTick.set(Date.now()), 60_000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected minuteTop(minutes: number): number {
    const clamped = Math.min(Math.max(minutes, this.firstHour() * 60), this.lastHour() * 60);
    return ((clamped - this.firstHour() * 60) / 60) * HOUR_PX;
  }
  protected readonly kinds = APPOINTMENT_KIND_LABELS;

  /** 07:00–20:00, widened to whatever is booked earlier or later. */
  protected readonly firstHour = computed(() => {
    const starts = this.all().map((item) => Math.floor(this.minutes(item.start) / 60));
    return Math.min(7, ...starts);
  });
  private readonly lastHour = computed(() => {
    const ends = this.all().map((item) => Math.ceil(this.endMinutes(item) / 60));
    return Math.max(20, ...ends);
  });
  protected readonly hours = computed(() =>
    Array.from(
      { length: this.lastHour() - this.firstHour() },
      (_, index) => this.firstHour() + index,
    ),
  );
  protected readonly height = computed(() => (this.lastHour() - this.firstHour()) * HOUR_PX);

  private all(): AppointmentView[] {
    return this.columns().flatMap((column) => column.appointments);
  }

  private minutes(iso: string): number {
    return wallClockAt(new Date(iso), this.timeZone()).minutes;
  }

  private endMinutes(item: AppointmentView): number {
    const start = this.minutes(item.start);
    return start + (Date.parse(item.end) - Date.parse(item.start)) / 60_000;
  }

  protected top(item: AppointmentView): number {
    return ((this.minutes(item.start) - this.firstHour() * 60) / 60) * HOUR_PX;
  }

  protected blockHeight(item: AppointmentView): number {
    return Math.max(22, ((this.endMinutes(item) - this.minutes(item.start)) / 60) * HOUR_PX - 2);
  }

  protected clock(iso: string): string {
    return wallClockAt(new Date(iso), this.timeZone()).time;
  }

  protected who(item: AppointmentView): string {
    if (item.prospect) return `${item.prospect.name} (prospect)`;
    return item.clients.map((client) => client.displayName).join(' & ');
  }

  // Begins with the text the block shows, so a voice-control user can say what they see (WCAG 2.5.3).
  protected describe(item: AppointmentView): string {
    return `${this.who(item)} ${this.clock(item.start)}–${this.clock(item.end)} ${this.kinds[item.kind]}, ${APPOINTMENT_STATUS_LABELS[item.status]}`;
  }
}
