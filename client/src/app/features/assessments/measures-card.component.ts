import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import type { AssessmentMode, ChangeView, ClientDetail } from '@cairn/contracts';
import { findInstrument, INSTRUMENTS } from '@cairn/instruments';
import { firstValueFrom } from 'rxjs';
import { CalendarDayPipe } from '../../shared/calendar-day.pipe';
import { PendingAction } from '../../shared/pending-action';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import { AssessmentsApiService } from './assessments-api.service';

/**
 * Measurement-based care on the chart: open risk flags first, then giving or sending an
 * instrument, the administrations, each score over time with its change, and the schedules.
 */
import { SkeletonComponent } from '../../shared/skeleton.component';
@Component({
  selector: 'cairn-measures-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CalendarDayPipe,
    SkeletonComponent,
    RouterLink,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ClinicTimePipe,
  ],
  templateUrl: './measures-card.component.html',
  styleUrl: './measures-card.component.scss',
})
export class MeasuresCardComponent {
  private readonly api = inject(AssessmentsApiService);
  private readonly router = inject(Router);
  readonly client = input.required<ClientDetail>();

  protected readonly instruments = INSTRUMENTS;
  /** The form to give or send a questionnaire opens on request, not on every visit. */
  protected readonly giving = signal(false);
  protected readonly administrations = rxResource({
    params: () => this.client().id,
    stream: ({ params }) => this.api.forClient(params),
  });
  protected readonly series = rxResource({
    params: () => this.client().id,
    stream: ({ params }) => this.api.measures(params),
  });
  protected readonly flags = rxResource({
    params: () => this.client().id,
    stream: ({ params }) => this.api.riskFlags(params),
  });
  protected readonly schedules = rxResource({
    params: () => this.client().id,
    stream: ({ params }) => this.api.schedules(params),
  });
  protected readonly openFlags = computed(() =>
    (this.flags.value() ?? []).filter((flag) => !flag.acknowledgedAt),
  );

  protected instrumentCode = 'PHQ-9';
  protected mode: AssessmentMode = 'in_session';
  protected dueOn = '';
  protected indexDescription = '';
  protected indexDate = '';
  protected everyWeeks = 4;
  protected maxSends: number | null = null;
  protected startOn = '';
  protected readonly action = new PendingAction();

  protected asksIndexEvent(): boolean {
    return findInstrument(this.instrumentCode)?.asksIndexEvent ?? false;
  }

  /** A PCL-5 is usually about the discovery: offer the timeline's discovery event. */
  protected chooseInstrument(code: string): void {
    this.instrumentCode = code;
    const discovery = this.client().clinical?.timeline.find((event) => event.kind === 'discovery');
    if (findInstrument(code)?.asksIndexEvent && discovery && !this.indexDescription) {
      this.indexDescription = discovery.label ?? 'Discovery of the betrayal';
      this.indexDate = discovery.occurredOn;
    }
  }

  protected async give(): Promise<void> {
    await this.run(async () => {
      const created = await firstValueFrom(
        this.api.create(this.client().id, {
          instrumentCode: this.instrumentCode,
          mode: this.mode,
          dueOn: this.mode === 'portal' && this.dueOn ? this.dueOn : null,
          indexEvent: this.asksIndexEvent()
            ? { description: this.indexDescription, occurredOn: this.indexDate || null }
            : null,
        }),
      );
      if (this.mode === 'in_session') {
        await this.router.navigate([
          '/therapist/clients',
          this.client().id,
          'assessments',
          created.id,
        ]);
      } else {
        this.administrations.reload();
      }
    });
  }

  protected async addSchedule(): Promise<void> {
    await this.run(async () => {
      await firstValueFrom(
        this.api.createSchedule(this.client().id, {
          instrumentCode: this.instrumentCode,
          everyWeeks: this.everyWeeks,
          maxSends: this.maxSends,
          startOn: this.startOn,
        }),
      );
      this.schedules.reload();
      this.administrations.reload();
    });
  }

  protected async stopSchedule(id: string): Promise<void> {
    await this.run(async () => {
      await firstValueFrom(this.api.stopSchedule(id));
      this.schedules.reload();
    });
  }

  protected change(view: ChangeView | null): string {
    if (!view) return '';
    const sign = view.delta > 0 ? '+' : '';
    const marks = [
      view.reliable ? `reliable ${view.reliable}` : '',
      view.meaningful && !view.reliable ? `meaningful ${view.meaningful}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    return `${sign}${view.delta}${marks ? ` (${marks})` : ''}`;
  }

  protected title(code: string): string {
    return findInstrument(code)?.shortTitle ?? code;
  }

  private async run(work: () => Promise<void>): Promise<void> {
    await this.action.run(async () => {
      await work();
    });
  }
}
