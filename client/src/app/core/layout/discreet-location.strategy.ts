import { Injectable } from '@angular/core';
import { PathLocationStrategy } from '@angular/common';
import { DISCREET_AREA } from './page-title.strategy';

function inPortal(url: string): boolean {
  const path = url.startsWith('/') ? url : `/${url}`;
  return (
    path === DISCREET_AREA ||
    path.startsWith(`${DISCREET_AREA}/`) ||
    path.startsWith(`${DISCREET_AREA}?`)
  );
}

/**
 * In the client's portal every navigation replaces the current history entry instead of adding
 * one. The whole visit is then a single entry, which the quick exit replaces with a neutral
 * page: Back leads away from Cairn, never to a portal page someone else could see.
 */
@Injectable()
export class DiscreetLocationStrategy extends PathLocationStrategy {
  override pushState(state: unknown, title: string, url: string, queryParams: string): void {
    if (inPortal(url)) {
      super.replaceState(state, title, url, queryParams);
    } else {
      super.pushState(state, title, url, queryParams);
    }
  }
}
