import { DOCUMENT } from '@angular/common';
import { type DestroyRef, inject, Injectable } from '@angular/core';
import { AuthService } from '../auth/auth.service';

/** Where a quick exit goes: an ordinary page that says nothing about the person leaving. */
export const NEUTRAL_PAGE = 'https://www.bbc.com/weather';

/** Two presses of Esc within this many milliseconds leave. */
export const DOUBLE_ESCAPE_MS = 1500;

/**
 * The portal's quick exit, for a client who shares a home and devices with the partner who hurt
 * them: one click (or Esc twice) blanks the page, ends the session, and replaces this page in the
 * tab's history with a neutral one, so Back does not come back here.
 */
@Injectable({ providedIn: 'root' })
export class QuickExitService {
  private readonly document = inject(DOCUMENT);
  private readonly auth = inject(AuthService);
  private lastEscape = 0;

  listen(destroyRef: DestroyRef): void {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      const now = Date.now();
      if (now - this.lastEscape <= DOUBLE_ESCAPE_MS) {
        this.leave();
      } else {
        this.lastEscape = now;
      }
    };
    // A portal page brought back from the back-forward cache is never shown as it was: it
    // reloads, and without a session that lands on the plain sign-in page.
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) this.document.location.reload();
    };
    const view = this.document.defaultView;
    this.document.addEventListener('keydown', onKey, { capture: true });
    view?.addEventListener('pageshow', onShow);
    destroyRef.onDestroy(() => {
      this.document.removeEventListener('keydown', onKey, { capture: true });
      view?.removeEventListener('pageshow', onShow);
    });
  }

  leave(): void {
    this.auth.abandon();
    this.document.title = '';
    this.document.body.replaceChildren();
    this.document.location.replace(NEUTRAL_PAGE);
  }
}
