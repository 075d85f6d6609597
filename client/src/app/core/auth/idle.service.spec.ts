import type { DestroyRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AuthService } from './auth.service';
import { IdleService } from './idle.service';

describe('IdleService', () => {
  let idle: IdleService;
  let signOut: jest.Mock;
  let destroyCallbacks: (() => void)[];

  beforeEach(() => {
    jest.useFakeTimers();
    signOut = jest.fn().mockResolvedValue(undefined);
    destroyCallbacks = [];
    TestBed.configureTestingModule({
      providers: [{ provide: AuthService, useValue: { signOut } }],
    });
    idle = TestBed.inject(IdleService);
    idle.start({
      onDestroy: (callback: () => void) => destroyCallbacks.push(callback),
    } as unknown as DestroyRef);
  });

  afterEach(() => {
    destroyCallbacks.forEach((callback) => callback());
    jest.useRealTimers();
  });

  const minutes = (count: number) => jest.advanceTimersByTime(count * 60_000);

  it('stays quiet for 14 minutes, then warns with the seconds left', () => {
    minutes(13.9);
    expect(idle.secondsLeft()).toBeNull();
    minutes(0.1);
    expect(idle.secondsLeft()).toBe(60);
    jest.advanceTimersByTime(30_000);
    expect(idle.secondsLeft()).toBe(30);
    expect(signOut).not.toHaveBeenCalled();
  });

  it('signs out after 15 minutes without activity', () => {
    minutes(15);
    expect(signOut).toHaveBeenCalledWith('idle');
    expect(idle.secondsLeft()).toBeNull();
  });

  it('starts the count again on a key press, and clears a warning', () => {
    minutes(14.5);
    expect(idle.secondsLeft()).toBe(30);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    expect(idle.secondsLeft()).toBeNull();
    minutes(14);
    expect(signOut).not.toHaveBeenCalled();
  });

  it('keeps the session when the person chooses "Stay signed in"', () => {
    minutes(14.5);
    idle.stayActive();
    minutes(10);
    expect(signOut).not.toHaveBeenCalled();
  });
});
