import { signal } from '@angular/core';
import { errorMessage } from './api-error';

/**
 * A user action in flight: whether it is running (to disable the button) and what went wrong
 * (in the server's words for a 4xx, a plain fallback otherwise). One per form or card.
 */
export class PendingAction {
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);

  /** Runs `work`; a failure is shown, and handed to `onError` for anything more (field problems). */
  async run(
    work: () => Promise<void>,
    fallback?: string,
    onError?: (error: unknown) => void,
  ): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
    } catch (error) {
      this.error.set(errorMessage(error, fallback));
      onError?.(error);
    } finally {
      this.busy.set(false);
    }
  }
}
