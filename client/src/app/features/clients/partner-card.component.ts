import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { rxResource, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import type { ClientDetail } from '@cairn/contracts';
import { debounceTime, firstValueFrom, of } from 'rxjs';
import { PendingAction } from '../../shared/pending-action';
import { ClientsApiService } from './clients-api.service';

/** Couple work: the partner's file, linked both ways; what later lets check-ins be compared. */
@Component({
  selector: 'cairn-partner-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <section class="card" aria-labelledby="partner-heading">
      <header>
        <h2 id="partner-heading">Couple work</h2>
      </header>
      @if (client().partner; as partner) {
        <p>
          Partner: <a [routerLink]="[base(), partner.id]">{{ partner.displayName }}</a>
        </p>
        <button mat-button type="button" (click)="link(null)" [disabled]="action.busy()">
          Unlink partner
        </button>
      } @else {
        <p class="empty">Not linked to a partner.</p>
        <mat-form-field appearance="outline" class="wide" subscriptSizing="dynamic">
          <mat-label>Find the partner's file</mat-label>
          <input
            matInput
            type="search"
            [value]="search()"
            (input)="search.set($any($event.target).value)"
          />
        </mat-form-field>
        <ul>
          @for (candidate of candidates(); track candidate.id) {
            <li>
              <span class="grow"
                >{{ candidate.displayName }}
                <span class="note">{{ candidate.legalName }}</span></span
              >
              <button
                mat-stroked-button
                type="button"
                (click)="link(candidate.id)"
                [disabled]="action.busy()"
              >
                Link as partner
              </button>
            </li>
          }
        </ul>
      }
      @if (action.error(); as message) {
        <p class="problem" role="alert">{{ message }}</p>
      }
    </section>
  `,
  styleUrl: './clinical-card.scss',
})
export class PartnerCardComponent {
  private readonly api = inject(ClientsApiService);
  readonly client = input.required<ClientDetail>();
  readonly base = input.required<string>();
  readonly changed = output<ClientDetail>();

  protected readonly search = signal('');
  private readonly term = toSignal(toObservable(this.search).pipe(debounceTime(250)), {
    initialValue: '',
  });
  private readonly found = rxResource({
    params: () => this.term().trim(),
    stream: ({ params }) =>
      params.length >= 2 ? this.api.list({ q: params, pageSize: 8 }) : of(null),
  });
  protected readonly candidates = computed(() =>
    (this.found.value()?.items ?? []).filter((item) => item.id !== this.client().id),
  );
  protected readonly action = new PendingAction();

  protected async link(partnerId: string | null): Promise<void> {
    await this.action.run(async () => {
      this.changed.emit(await firstValueFrom(this.api.linkPartner(this.client().id, partnerId)));
      this.search.set('');
    }, 'The link could not be changed.');
  }
}
