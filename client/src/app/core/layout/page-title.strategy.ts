import { inject, Injectable } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { type RouterStateSnapshot, TitleStrategy } from '@angular/router';

/** The portal's pages: their titles never say more than the product's name. */
export const DISCREET_AREA = '/portal';

/**
 * "Caseload · Cairn": the page first, so tabs stay tellable apart. In the client's portal the
 * title is only "Cairn": clients often share a device with the person who hurt them, and a tab
 * title or a history entry is the first thing someone else sees.
 */
@Injectable({ providedIn: 'root' })
export class PageTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const page = this.buildTitle(snapshot);
    const discreet = snapshot.url === DISCREET_AREA || snapshot.url.startsWith(`${DISCREET_AREA}/`);
    this.title.setTitle(page && !discreet ? `${page} · Cairn` : 'Cairn');
  }
}
