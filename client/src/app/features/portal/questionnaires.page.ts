import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { MyQuestionnairesApiService } from '../assessments/assessments-api.service';
import { MySafetyScreensComponent } from '../safety/my-safety-screens.component';

/** The client's questionnaires: what is waiting, and what they have done. Plain, warm words. */
import { CalendarDayPipe } from '../../shared/calendar-day.pipe';
import { SkeletonComponent } from '../../shared/skeleton.component';
@Component({
  selector: 'cairn-questionnaires',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CalendarDayPipe, SkeletonComponent, RouterLink, MySafetyScreensComponent],
  template: `
    <h1>Questionnaires</h1>
    <cairn-my-safety-screens />
    @if (!list.hasValue() && !list.error()) {
      <cairn-skeleton label="questionnaires" [lines]="2" />
    } @else if (list.error()) {
      <p class="problem" role="alert">This page could not be loaded. Please try again.</p>
    } @else if (waiting().length) {
      <h2>Waiting for you</h2>
      <ul class="items">
        @for (item of waiting(); track item.id) {
          <li>
            <a [routerLink]="['/portal/questionnaires', item.id]">{{ item.clientTitle }}</a>
            @if (item.dueOn) {
              <span class="due" [class.late]="item.overdue"
                >{{ item.overdue ? 'Was due' : 'Due' }} {{ item.dueOn | calendarDay }}</span
              >
            }
          </li>
        }
      </ul>
    } @else {
      <p>Nothing is waiting for you right now.</p>
    }
    @if (done().length) {
      <h2>Done</h2>
      <ul class="items">
        @for (item of done(); track item.id) {
          <li>
            {{ item.clientTitle }}
            @if (item.result && item.result.total !== null) {
              <a [routerLink]="['/portal/questionnaires', item.id]">See your result</a>
            }
          </li>
        }
      </ul>
    }
  `,
  styles: `
    h1 {
      font: var(--mat-sys-headline-small);
    }
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
    .due {
      color: var(--mat-sys-on-surface-variant);
    }
    .late {
      color: var(--mat-sys-error);
    }
  `,
})
export class QuestionnairesPage {
  private readonly api = inject(MyQuestionnairesApiService);
  protected readonly list = rxResource({ stream: () => this.api.list() });
  protected readonly waiting = computed(() =>
    (this.list.value() ?? []).filter((item) => item.status === 'in_progress'),
  );
  protected readonly done = computed(() =>
    (this.list.value() ?? []).filter((item) => item.status === 'completed'),
  );
}
