import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { PendingAction } from '../../shared/pending-action';
import { MyHomeworkApiService } from '../homework/homework-api.service';
import { ReadingViewComponent } from './reading-view.component';

/**
 * One reading in the portal. When the therapist assigned it, reading it to the end and saying so
 * is the homework done.
 */
@Component({
  selector: 'cairn-reading-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, ReadingViewComponent],
  template: `
    <a routerLink="/portal/readings" class="back">← Readings</a>
    <cairn-reading-view [key]="key()" />
    @if (assigned(); as item) {
      @if (item.current?.entry || done()) {
        <p class="done" role="status">Marked as read. Thank you.</p>
      } @else if (item.current) {
        <button mat-flat-button type="button" (click)="markRead()" [disabled]="action.busy()">
          I've read it
        </button>
      }
      @if (action.error(); as message) {
        <p class="problem" role="alert">{{ message }}</p>
      }
    }
  `,
  styles: `
    .back {
      color: var(--mat-sys-primary);
    }
    .done {
      font: var(--mat-sys-title-medium);
    }
    .problem {
      color: var(--mat-sys-error);
    }
  `,
})
export class ReadingPage {
  private readonly homeworkApi = inject(MyHomeworkApiService);
  readonly key = input.required<string>();
  private readonly homework = rxResource({ stream: () => this.homeworkApi.list() });
  protected readonly assigned = computed(() =>
    (this.homework.value()?.assignments ?? []).find((item) => item.readingKey === this.key()),
  );
  protected readonly done = signal(false);
  protected readonly action = new PendingAction();

  protected async markRead(): Promise<void> {
    const item = this.assigned();
    const occursOn = item?.current?.occursOn;
    if (!item || !occursOn) return;
    await this.action.run(async () => {
      await firstValueFrom(this.homeworkApi.addEntry(item.id, { occursOn }));
      this.done.set(true);
    }, 'It could not be marked as read. Please try again.');
  }
}
