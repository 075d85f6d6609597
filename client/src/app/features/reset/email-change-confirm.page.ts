import { HttpClient, HttpContext } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal, type OnInit } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { ApiRoutes, apiUrl, type EmailChangeConfirmRequest } from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { SKIP_AUTH } from '../../core/auth/auth.service';
import { errorMessage } from '../../shared/api-error';

/**
 * `/email-change#token=...`, the link mailed to a new address: confirms the change at once. The
 * secret is in the fragment, read once and wiped from the address bar.
 */
@Component({
  selector: 'cairn-email-change-confirm',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCardModule, RouterLink],
  template: `
    <main class="page">
      <section class="intro"><h1>Cairn</h1></section>
      <mat-card appearance="outlined" class="card">
        <mat-card-content>
          <h2>New sign-in email</h2>
          @switch (state()) {
            @case ('working') {
              <p role="status">Confirming…</p>
            }
            @case ('done') {
              <p class="notice" role="status">Your account now signs in with this address.</p>
            }
            @default {
              <p class="error" role="alert">{{ error() }}</p>
            }
          }
          <p class="aside"><a routerLink="/sign-in">Go to sign-in</a></p>
        </mat-card-content>
      </mat-card>
    </main>
  `,
  styleUrl: '../sign-in/sign-in.page.scss',
})
export class EmailChangeConfirmPage implements OnInit {
  private readonly http = inject(HttpClient);
  protected readonly state = signal<'working' | 'done' | 'failed'>('working');
  protected readonly error = signal('');

  ngOnInit(): void {
    void this.confirm();
  }

  private async confirm(): Promise<void> {
    const token = /token=([A-Za-z0-9_-]+)/.exec(location.hash)?.[1] ?? '';
    history.replaceState(null, '', location.pathname);
    if (!token) {
      this.error.set('This page needs the link from the confirmation email.');
      this.state.set('failed');
      return;
    }
    const body: EmailChangeConfirmRequest = { token };
    try {
      await firstValueFrom(
        this.http.post<void>(apiUrl(ApiRoutes.auth.emailChangeConfirm), body, {
          context: new HttpContext().set(SKIP_AUTH, true),
        }),
      );
      this.state.set('done');
    } catch (error) {
      this.error.set(errorMessage(error, 'The change could not be confirmed. Please try again.'));
      this.state.set('failed');
    }
  }
}
