import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { CrisisPanelComponent } from './crisis-panel.component';
import { SupportApiService } from './support-api.service';

/** "If you need help now": reachable from every portal page, at any time. */
import { SkeletonComponent } from '../../shared/skeleton.component';
@Component({
  selector: 'cairn-help-now',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SkeletonComponent, CrisisPanelComponent],
  template: `
    @if (help.value(); as support) {
      <cairn-crisis-panel [support]="support" />
    } @else if (!help.error()) {
      <cairn-skeleton label="contacts" [lines]="4" />
    } @else if (help.error()) {
      <p role="alert">
        The contacts could not be loaded. If you are in danger, call your local emergency number
        now.
      </p>
    }
  `,
})
export class HelpNowPage {
  private readonly api = inject(SupportApiService);
  protected readonly help = rxResource({ stream: () => this.api.helpNow() });
}
