/**
 * Answers are saved one by one as they are given. They go to the server one after another (each
 * waits for the one before it), so the reply to the last one holds every answer given so far;
 * and only that reply is shown, so an earlier reply never undoes an answer given since (and a
 * phone never jumps back to a question already answered).
 */
export class LatestResponse {
  private sent = 0;
  private tail: Promise<unknown> = Promise.resolve();

  /** Call before sending; the function says whether this request is still the latest. */
  next(): () => boolean {
    const mine = ++this.sent;
    return () => mine === this.sent;
  }

  /** Runs `work` once everything sent before it has been answered (or has failed). */
  inTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.tail.catch(() => undefined).then(work);
    this.tail = turn;
    return turn;
  }
}
