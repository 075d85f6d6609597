import { BreakpointObserver } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  type OnInit,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { IdleService } from '../auth/idle.service';
import { IdleWarningComponent } from './idle-warning.component';
import { FocusService } from './focus.service';
import { NAVIGATION } from './navigation';
import { QuickExitService } from './quick-exit.service';

/** The signed-in frame: toolbar, the role's navigation, the idle warning, and the page. */
@Component({
  selector: 'cairn-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    IdleWarningComponent,
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatButtonModule,
    MatMenuModule,
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
})
export class ShellComponent implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly focus = inject(FocusService);
  private readonly dialog = inject(MatDialog);
  private readonly idle = inject(IdleService);
  protected readonly quickExit = inject(QuickExitService);
  protected readonly user = this.auth.user;
  /** The portal keeps a low profile: a quick exit, and no clinic name in view. */
  protected readonly portal = computed(() => this.auth.role() === 'client');
  protected readonly navigation = computed(() => {
    const role = this.auth.role();
    return role ? NAVIGATION[role] : [];
  });
  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 840px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );

  ngOnInit(): void {
    this.idle.start(this.destroyRef);
    this.focus.watchDialogs(this.dialog, this.destroyRef);
    if (this.portal()) this.quickExit.listen(this.destroyRef);
  }

  protected signOut(): void {
    void this.auth.signOut('user');
  }
}
