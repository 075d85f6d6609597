import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'cairn-not-found',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <main class="page">
      <h1>Page not found</h1>
      <p>There is nothing at this address. It may have moved, or the link may be mistyped.</p>
      <a class="cairn-button filled" routerLink="/">Go to your home page</a>
    </main>
  `,
  styles: `
    .page {
      max-width: 560px;
      margin: 15vh auto;
      padding: 24px;
    }
    h1 {
      font: var(--mat-sys-headline-medium);
    }
  `,
})
export class NotFoundPage {}
