import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  type OnInit,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { IdleService } from '../auth/idle.service';
import { IdleWarningComponent } from './idle-warning.component';
import { FocusService } from './focus.service';
import { NAVIGATION } from './navigation';
import { narrowScreen } from './narrow-screen';

/**
 * The staff frame (therapist and admin): toolbar, the role's navigation, the idle warning, and the
 * page. A client never gets it: the routes give the portal its own light frame.
 */
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
  protected readonly user = this.auth.user;
  protected readonly navigation = computed(() => {
    const role = this.auth.role();
    return role ? NAVIGATION[role] : [];
  });
  protected readonly narrow = narrowScreen();

  ngOnInit(): void {
    this.idle.start(this.destroyRef);
    this.focus.watchDialogs(this.dialog, this.destroyRef);
  }

  protected signOut(): void {
    void this.auth.signOut('user');
  }
}
