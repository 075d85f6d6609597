import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { MyHomeworkApiService } from '../homework/homework-api.service';
import { ReadingsApiService } from './readings-api.service';

/** The portal's reading library: every reading, and the ones the therapist suggested first. */
@Component({
  selector: 'cairn-reading-library',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <h1>Readings</h1>
    <p class="intro">
      Short pieces to read in a quiet moment. Take what is useful; leave the rest.
    </p>
    <ul class="list">
      @for (reading of ordered(); track reading.key) {
        <li>
          <a [routerLink]="['/portal/readings', reading.key]">{{ reading.title }}</a>
          @if (suggested().has(reading.key)) {
            <span class="suggested">Suggested by your therapist</span>
          }
          <p>
            {{ reading.summary }} <span class="minutes">About {{ reading.minutes }} minutes.</span>
          </p>
        </li>
      }
    </ul>
  `,
  styles: `
    h1 {
      font: var(--mat-sys-headline-small);
    }
    .intro,
    .minutes {
      color: var(--mat-sys-on-surface-variant);
    }
    .list {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 16px;
    }
    .list a {
      font: var(--mat-sys-title-medium);
      color: var(--mat-sys-primary);
    }
    .list p {
      margin: 4px 0 0;
    }
    .suggested {
      margin-left: 8px;
      padding: 2px 8px;
      border-radius: 10px;
      background: var(--mat-sys-tertiary-container);
      font: var(--mat-sys-label-medium);
    }
  `,
})
export class ReadingLibraryPage {
  private readonly api = inject(ReadingsApiService);
  private readonly homeworkApi = inject(MyHomeworkApiService);
  protected readonly readings = rxResource({ stream: () => this.api.list() });
  private readonly homework = rxResource({ stream: () => this.homeworkApi.list() });
  protected readonly suggested = computed(
    () =>
      new Set(
        (this.homework.value()?.assignments ?? []).flatMap((item) =>
          item.readingKey ? [item.readingKey] : [],
        ),
      ),
  );
  protected readonly ordered = computed(() => {
    const suggested = this.suggested();
    return [...(this.readings.value() ?? [])].sort(
      (a, b) => Number(suggested.has(b.key)) - Number(suggested.has(a.key)),
    );
  });
}
