import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  inject,
  type OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { IdleService } from '../auth/idle.service';
import { IdleWarningComponent } from './idle-warning.component';
import { NAVIGATION } from './navigation';
import { narrowScreen } from './narrow-screen';
import { QuickExitService } from './quick-exit.service';

/**
 * The portal's frame. A client is usually on a phone, often an old one, so it carries none of
 * the staff shell's Material toolbar, side drawer, list and menu (about a quarter of a megabyte
 * of script a throttled phone parses before the page answers): a plain header, the quick exit,
 * and two small disclosures (the navigation on a narrow screen, the account). Nothing in it names
 * the client or the clinic.
 */
@Component({
  selector: 'cairn-portal-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IdleWarningComponent, RouterOutlet, RouterLink, RouterLinkActive],
  templateUrl: './portal-shell.component.html',
  styleUrl: './portal-shell.component.scss',
  host: { '(document:keydown.escape)': 'closeDisclosures()' },
})
export class PortalShellComponent implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly document = inject(DOCUMENT);
  private readonly idle = inject(IdleService);
  protected readonly quickExit = inject(QuickExitService);
  protected readonly navigation = NAVIGATION.client;
  protected readonly menuOpen = signal(false);
  protected readonly accountOpen = signal(false);
  private readonly accountButton = viewChild<ElementRef<HTMLButtonElement>>('accountButton');
  private readonly menuButton = viewChild<ElementRef<HTMLButtonElement>>('menuButton');
  protected readonly narrow = narrowScreen();

  constructor() {
    // A new page closes what was open, as a followed link would.
    inject(Router)
      .events.pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => {
        this.menuOpen.set(false);
        this.accountOpen.set(false);
      });
  }

  ngOnInit(): void {
    this.idle.start(this.destroyRef);
    this.quickExit.listen(this.destroyRef);
  }

  protected toggleAccount(): void {
    this.accountOpen.update((open) => !open);
    this.menuOpen.set(false);
  }

  protected toggleMenu(): void {
    this.menuOpen.update((open) => !open);
    this.accountOpen.set(false);
  }

  /** Esc closes an open disclosure and gives focus back to its button (a second Esc, within the
   *  quick exit's window, still leaves: the quick exit listens on its own). */
  protected closeDisclosures(): void {
    const active = this.document.activeElement;
    if (this.accountOpen()) {
      this.accountOpen.set(false);
      if (active?.closest('#portal-account')) this.accountButton()?.nativeElement.focus();
    }
    if (this.menuOpen() && this.narrow()) {
      this.menuOpen.set(false);
      if (active?.closest('#primary-navigation')) this.menuButton()?.nativeElement.focus();
    }
  }

  protected signOut(): void {
    void this.auth.signOut('user');
  }
}
