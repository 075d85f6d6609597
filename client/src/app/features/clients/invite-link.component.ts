import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { PortalInvite } from '@cairn/contracts';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';

/**
 * A freshly made invitation link, shown once. Whoever holds it can set the account's password,
 * so it goes only to the person it is for.
 */
@Component({
  selector: 'cairn-invite-link',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, ClinicTimePipe],
  template: `
    <div class="invite" role="status">
      <p>
        Send this link to <strong>{{ invite().email }}</strong> only. It works once and expires
        {{ invite().expiresAt | clinicTime }}.
      </p>
      <div class="link">
        <input
          [value]="invite().inviteUrl"
          readonly
          aria-label="Invitation link"
          (focus)="$any($event.target).select()"
        />
        <button mat-stroked-button type="button" (click)="copy()">
          {{ copied() ? 'Copied' : 'Copy link' }}
        </button>
      </div>
    </div>
  `,
  styles: `
    .invite {
      margin-top: 12px;
      padding: 12px;
      border-radius: 8px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .link {
      display: flex;
      gap: 8px;
    }
    input {
      flex: 1;
      font: var(--mat-sys-body-small);
      padding: 6px 8px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 6px;
    }
  `,
})
export class InviteLinkComponent {
  readonly invite = input.required<PortalInvite>();
  protected readonly copied = signal(false);

  protected async copy(): Promise<void> {
    await navigator.clipboard?.writeText(this.invite().inviteUrl);
    this.copied.set(true);
  }
}
