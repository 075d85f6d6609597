import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import type { RouterStateSnapshot } from '@angular/router';
import { PageTitleStrategy } from './page-title.strategy';

describe('PageTitleStrategy', () => {
  let strategy: PageTitleStrategy;
  let title: Title;

  beforeEach(() => {
    strategy = TestBed.inject(PageTitleStrategy);
    title = TestBed.inject(Title);
    jest.spyOn(strategy, 'buildTitle').mockReturnValue('Home');
  });

  const at = (url: string) => strategy.updateTitle({ url } as RouterStateSnapshot);

  it('names the page first for staff', () => {
    at('/therapist/caseload');
    expect(title.getTitle()).toBe('Home · Cairn');
  });

  it('says only "Cairn" anywhere in the client portal', () => {
    for (const url of [
      '/portal',
      '/portal/home',
      '/portal/homework/123',
      '/portal/questionnaires',
    ]) {
      at(url);
      expect(title.getTitle()).toBe('Cairn');
    }
  });
});
