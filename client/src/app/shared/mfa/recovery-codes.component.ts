import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The recovery codes, shown once: only their hashes are kept. */
@Component({
  selector: 'cairn-recovery-codes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p>
      <strong>Keep these recovery codes somewhere safe</strong> (printed, or in a password manager).
      Each one signs you in once if you lose your phone. They are shown only now.
    </p>
    <ul class="codes" data-testid="recovery-codes">
      @for (code of codes(); track code) {
        <li>
          <code>{{ code }}</code>
        </li>
      }
    </ul>
  `,
  styles: `
    .codes {
      columns: 2;
      list-style: none;
      padding: 0;
      font-size: 1rem;
    }
    .codes li {
      margin: 0.25rem 0;
    }
  `,
})
export class RecoveryCodesComponent {
  readonly codes = input.required<string[]>();
}
