import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { IdleService } from '../auth/idle.service';

/** The warning before an idle sign-out, the same in the staff frame and the portal's. */
@Component({
  selector: 'cairn-idle-warning',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (idle.secondsLeft(); as seconds) {
      <div
        class="idle-warning"
        role="alertdialog"
        aria-labelledby="idle-title"
        aria-describedby="idle-text"
      >
        <p id="idle-title"><strong>Still there?</strong></p>
        <p id="idle-text">For privacy you will be signed out in {{ seconds }} seconds.</p>
        <button class="cairn-button filled" type="button" (click)="idle.stayActive()">
          Stay signed in
        </button>
      </div>
    }
  `,
  styles: `
    .idle-warning {
      position: fixed;
      z-index: 1000;
      top: 72px;
      left: 50%;
      transform: translateX(-50%);
      padding: 12px 20px;
      border-radius: 12px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      box-shadow: var(--mat-sys-level3);
      display: flex;
      align-items: center;
      gap: 16px;
    }
    p {
      margin: 0;
    }
  `,
})
export class IdleWarningComponent {
  protected readonly idle = inject(IdleService);
}
