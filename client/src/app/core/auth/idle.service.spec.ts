import { signal, type DestroyRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AuthService } from './auth.service';
import { IdleService } from './idle.service';

describe('IdleService', () => {
  let idle: IdleService;
  let signOut: jest.Mock;
  let destroyCallbacks: (() => void)[];
  const user = signal<{ idleTimeoutMinutes: number } | null>(null);

  beforeEach(() => {
    jest.useFakeTimers();
    signOut = jest.fn().mockResolvedValue(undefined);
    destroyCallbacks = [];
    user.set({ idleTimeoutMinutes: 15 });
    TestBed.configureTestingModule({
      providers: [{ provide: AuthService, useValue: { signOut, user } }],
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

  it('follows the clinic’s idle time-out: ten minutes, warned at nine', () => {
    user.set({ idleTimeoutMinutes: 10 });
    minutes(9);
    expect(idle.secondsLeft()).toBe(60);
    minutes(1);
    expect(signOut).toHaveBeenCalledWith('idle');
  });

  it('applies a longer time-out the admin just saved without a new sign-in', () => {
    minutes(13);
    user.set({ idleTimeoutMinutes: 30 });
    minutes(15);
    expect(signOut).not.toHaveBeenCalled();
    minutes(2);
    expect(signOut).toHaveBeenCalledWith('idle');
  });
});
