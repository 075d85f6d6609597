import { DOCUMENT } from '@angular/common';
import { type DestroyRef, inject, Injectable } from '@angular/core';
import type { MatDialog } from '@angular/material/dialog';
import { NavigationEnd, Router } from '@angular/router';
import { filter } from 'rxjs';

/** How long a page may take to render its heading (it may wait for its data). */
const HEADING_WAIT_MS = 4000;

/**
 * Keeps keyboard and screen-reader users oriented, in one place for every page:
 * - after a route change, focus moves to the new page's heading, which a screen reader then
 *   reads out (the heading gets tabindex -1 so it can take focus without joining the tab order);
 * - after a dialog closes, focus returns to what opened it, or to the page heading when that
 *   control has gone (a signed note's Sign button, for one), never to the bare page.
 */
@Injectable({ providedIn: 'root' })
export class FocusService {
  private readonly document = inject(DOCUMENT);
  private readonly router = inject(Router);
  private firstNavigation = true;

  start(destroyRef: DestroyRef): void {
    const navigation = this.router.events
      .pipe(filter((event): event is NavigationEnd => event instanceof NavigationEnd))
      .subscribe(() => {
        // The first page of a visit keeps the browser's own start; later ones move focus.
        if (this.firstNavigation) {
          this.firstNavigation = false;
          return;
        }
        this.focusHeadingWhenShown();
      });
    destroyRef.onDestroy(() => navigation.unsubscribe());
  }

  /** Called by the signed-in shell, so the dialog code stays out of the first download. */
  watchDialogs(dialog: MatDialog, destroyRef: DestroyRef): void {
    const opened = dialog.afterOpened.subscribe((ref) => {
      const opener = this.document.activeElement as HTMLElement | null;
      ref.afterClosed().subscribe(() => {
        // After Material's own restore (which does nothing when the opener has gone).
        setTimeout(() => this.restoreAfterDialog(opener), 50);
      });
    });
    destroyRef.onDestroy(() => opened.unsubscribe());
  }

  private restoreAfterDialog(opener: HTMLElement | null): void {
    const active = this.document.activeElement;
    if (active && active !== this.document.body) return;
    if (opener?.isConnected && !opener.hasAttribute('disabled')) {
      opener.focus();
    } else {
      this.focusHeading();
    }
  }

  private focusHeadingWhenShown(): void {
    const started = this.document.activeElement;
    const deadline = Date.now() + HEADING_WAIT_MS;
    const tryFocus = () => {
      // Someone already moved on (typed, clicked): leave their focus alone.
      const active = this.document.activeElement;
      if (active !== started && active !== this.document.body) return;
      if (this.focusHeading()) return;
      if (Date.now() < deadline) setTimeout(tryFocus, 100);
    };
    setTimeout(tryFocus, 0);
  }

  private focusHeading(): boolean {
    const heading =
      this.document.querySelector<HTMLElement>('main h1') ??
      this.document.querySelector<HTMLElement>('h1');
    if (!heading) return false;
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: false });
    return this.document.activeElement === heading;
  }
}
