import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { ClientDetail, PortalInvite } from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { PendingAction } from '../../shared/pending-action';
import { ClientsApiService } from './clients-api.service';
import { InviteLinkComponent } from './invite-link.component';

/** The client's portal account: invite them, and see whether they have set a password. */
@Component({
  selector: 'cairn-portal-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, InviteLinkComponent],
  template: `
    <section class="card" aria-labelledby="portal-heading">
      <header>
        <h2 id="portal-heading">Client portal</h2>
      </header>
      <p>{{ statusText() }}</p>
      @if (client().portalStatus !== 'active') {
        <button
          mat-stroked-button
          type="button"
          (click)="invite()"
          [disabled]="action.busy() || !client().email"
        >
          {{
            client().portalStatus === 'invited' ? 'Send a new invitation' : 'Invite to the portal'
          }}
        </button>
        @if (!client().email) {
          <p class="note">Add an email address to the file first.</p>
        }
      }
      @if (link(); as made) {
        <cairn-invite-link [invite]="made" />
      }
      @if (action.error(); as message) {
        <p class="problem" role="alert">{{ message }}</p>
      }
    </section>
  `,
  styleUrl: './clinical-card.scss',
})
export class PortalCardComponent {
  private readonly api = inject(ClientsApiService);
  readonly client = input.required<ClientDetail>();
  readonly changed = output<void>();

  protected readonly statusText = computed(() => {
    switch (this.client().portalStatus) {
      case 'active':
        return 'The client has set a password and can sign in.';
      case 'invited':
        return 'Invited; the client has not set a password yet.';
      case 'none':
        return 'Not invited yet.';
    }
  });
  protected readonly link = signal<PortalInvite | null>(null);
  protected readonly action = new PendingAction();

  protected async invite(): Promise<void> {
    await this.action.run(async () => {
      this.link.set(await firstValueFrom(this.api.invitePortal(this.client().id)));
      this.changed.emit();
    }, 'The invitation could not be made.');
  }
}
