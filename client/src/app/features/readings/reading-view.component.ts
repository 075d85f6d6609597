import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { ReadingsApiService } from './readings-api.service';

/** One reading of the library, laid out for reading on a phone. Self-contained: give it a key. */
@Component({
  selector: 'cairn-reading-view',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (reading.value(); as text) {
      <article class="reading" [attr.aria-labelledby]="'reading-' + text.key">
        <h2 [id]="'reading-' + text.key">{{ text.title }}</h2>
        <p class="meta">About {{ text.minutes }} minutes</p>
        @for (section of text.sections; track $index) {
          @if (section.heading) {
            <h3>{{ section.heading }}</h3>
          }
          @for (paragraph of section.paragraphs; track $index) {
            <p>{{ paragraph }}</p>
          }
        }
      </article>
    } @else if (reading.error()) {
      <p role="alert">This reading could not be loaded.</p>
    }
  `,
  styles: `
    .reading {
      max-width: 42rem;
      font: var(--mat-sys-body-large);
      line-height: 1.6;
    }
    h2 {
      font: var(--mat-sys-headline-small);
      margin-bottom: 4px;
    }
    h3 {
      font: var(--mat-sys-title-medium);
      margin: 20px 0 4px;
    }
    .meta {
      color: var(--mat-sys-on-surface-variant);
      margin-top: 0;
    }
  `,
})
export class ReadingViewComponent {
  private readonly api = inject(ReadingsApiService);
  readonly key = input.required<string>();
  protected readonly reading = rxResource({
    params: () => this.key(),
    stream: ({ params }) => this.api.get(params),
  });
}
