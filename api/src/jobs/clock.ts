import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';

/**
 * The application's one idea of "now" for everything that plans or sends messages. pg-boss's own
 * timing follows the database's now(), which a test cannot move; due times are compared with
 * this clock instead, so a test moves time by setting it (only in the test environment).
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Test only: from now on, the clock reads `at` and runs on from there. */
  set(at: Date): void {
    if (this.config.env !== 'test') throw new Error('The clock is set in tests only.');
    this.offsetMs = at.getTime() - Date.now();
  }

  /** Test only: moves the clock forward. */
  advance(ms: number): void {
    this.set(new Date(this.now().getTime() + ms));
  }
}
