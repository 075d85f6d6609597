import { DOCUMENT } from '@angular/common';
import { type DestroyRef, Injector } from '@angular/core';
import { AuthService } from '../auth/auth.service';
import { DOUBLE_ESCAPE_MS, NEUTRAL_PAGE, QuickExitService } from './quick-exit.service';

describe('QuickExitService', () => {
  let listeners: ((event: KeyboardEvent) => void)[];
  let fakeDocument: {
    title: string;
    addEventListener: jest.Mock;
    removeEventListener: jest.Mock;
    body: { replaceChildren: jest.Mock };
    location: { replace: jest.Mock };
  };
  let abandon: jest.Mock;
  let quickExit: QuickExitService;

  beforeEach(() => {
    jest.useFakeTimers();
    listeners = [];
    abandon = jest.fn();
    fakeDocument = {
      title: 'Cairn',
      addEventListener: jest.fn((_type: string, listener: (event: KeyboardEvent) => void) =>
        listeners.push(listener),
      ),
      removeEventListener: jest.fn(),
      body: { replaceChildren: jest.fn() },
      location: { replace: jest.fn() },
    };
    const injector = Injector.create({
      providers: [
        { provide: DOCUMENT, useValue: fakeDocument },
        { provide: AuthService, useValue: { abandon } },
        { provide: QuickExitService },
      ],
    });
    quickExit = injector.get(QuickExitService);
    quickExit.listen({ onDestroy: () => () => undefined } as unknown as DestroyRef);
  });

  afterEach(() => jest.useRealTimers());

  const press = (key: string) =>
    listeners.forEach((listener) => listener(new KeyboardEvent('keydown', { key })));

  it('blanks the page, drops the session and replaces the location with a neutral page', () => {
    quickExit.leave();
    expect(abandon).toHaveBeenCalled();
    expect(fakeDocument.body.replaceChildren).toHaveBeenCalledWith();
    expect(fakeDocument.title).toBe('');
    expect(fakeDocument.location.replace).toHaveBeenCalledWith(NEUTRAL_PAGE);
  });

  it('leaves on Esc pressed twice in quick succession', () => {
    press('Escape');
    expect(fakeDocument.location.replace).not.toHaveBeenCalled();
    jest.advanceTimersByTime(300);
    press('Escape');
    expect(fakeDocument.location.replace).toHaveBeenCalledWith(NEUTRAL_PAGE);
  });

  it('does not leave on a single Esc (closing a menu), nor on two far apart', () => {
    press('Escape');
    jest.advanceTimersByTime(DOUBLE_ESCAPE_MS + 1);
    press('Escape');
    press('a');
    expect(fakeDocument.location.replace).not.toHaveBeenCalled();
  });
});
