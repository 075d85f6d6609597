/**
 * Answers saved one by one can come back out of order: only the reply to the latest request is
 * shown, so an earlier reply never undoes an answer given since (and a phone never jumps back to a
 * question already answered).
 */
export class LatestResponse {
  private sent = 0;

  /** Call before sending; the function says whether this request is still the latest. */
  next(): () => boolean {
    const mine = ++this.sent;
    return () => mine === this.sent;
  }
}
