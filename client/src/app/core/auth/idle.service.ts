import { type DestroyRef, inject, Injectable, signal } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { IDLE_TIMEOUT_MINUTES } from '@cairn/contracts';
import { AuthService } from './auth.service';

export const IDLE_WARNING_MS = 60_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * Automatic sign-out after the clinic's idle time-out (15 minutes unless the clinic chose 5 to
 * 30) without activity (HIPAA automatic log-off), with a warning a minute before. Only the person's own input counts as activity: background API calls do not
 * keep a forgotten session open. The server ends idle sessions on its own as well.
 */
@Injectable({ providedIn: 'root' })
export class IdleService {
  private readonly auth = inject(AuthService);
  private readonly document = inject(DOCUMENT);
  private lastActivity = Date.now();
  private timer: ReturnType<typeof setInterval> | null = null;

  /** Seconds left before sign-out while the warning shows; null otherwise. */
  readonly secondsLeft = signal<number | null>(null);

  start(destroyRef: DestroyRef): void {
    this.stop();
    this.lastActivity = Date.now();
    const onActivity = () => {
      this.lastActivity = Date.now();
      if (this.secondsLeft() !== null) this.secondsLeft.set(null);
    };
    for (const event of ACTIVITY_EVENTS) {
      this.document.addEventListener(event, onActivity, { passive: true, capture: true });
    }
    this.timer = setInterval(() => this.tick(), 1000);
    destroyRef.onDestroy(() => {
      for (const event of ACTIVITY_EVENTS)
        this.document.removeEventListener(event, onActivity, { capture: true });
      this.stop();
    });
  }

  /** "Stay signed in" on the warning. */
  stayActive(): void {
    this.lastActivity = Date.now();
    this.secondsLeft.set(null);
  }

  /** Read at every tick, so a change the admin just saved applies at once. */
  private limitMs(): number {
    const minutes = this.auth.user()?.idleTimeoutMinutes ?? IDLE_TIMEOUT_MINUTES.default;
    return minutes * 60_000;
  }

  private tick(): void {
    const idleFor = Date.now() - this.lastActivity;
    const limit = this.limitMs();
    if (idleFor >= limit) {
      this.stop();
      this.secondsLeft.set(null);
      void this.auth.signOut('idle');
    } else if (idleFor >= limit - IDLE_WARNING_MS) {
      this.secondsLeft.set(Math.ceil((limit - idleFor) / 1000));
    }
  }

  private stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
