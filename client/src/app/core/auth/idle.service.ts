import { type DestroyRef, inject, Injectable, signal } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { AuthService } from './auth.service';

export const IDLE_LIMIT_MS = 15 * 60_000;
export const IDLE_WARNING_MS = 60_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * Automatic sign-out after 15 minutes without activity (HIPAA automatic log-off), with a warning
 * a minute before. Only the person's own input counts as activity: background API calls do not
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

  private tick(): void {
    const idleFor = Date.now() - this.lastActivity;
    if (idleFor >= IDLE_LIMIT_MS) {
      this.stop();
      this.secondsLeft.set(null);
      void this.auth.signOut('idle');
    } else if (idleFor >= IDLE_LIMIT_MS - IDLE_WARNING_MS) {
      this.secondsLeft.set(Math.ceil((IDLE_LIMIT_MS - idleFor) / 1000));
    }
  }

  private stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
