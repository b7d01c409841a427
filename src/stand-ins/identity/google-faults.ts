// Fault injection for the Google stand-ins: the next N operations fail with
// an HTTP status, in Google's error shape.

import { GoogleApiError } from "./google-errors";

export class GoogleFaults {
  private remaining = 0;
  private status = 503;

  /** The next `count` operations fail with `status`. */
  failNext(count: number, status: number): void {
    if (!Number.isInteger(count) || count < 0) throw new Error(`failNext count must be a whole number >= 0; got ${count}`);
    if (!Number.isInteger(status) || status < 400 || status > 599) throw new Error(`failNext status must be an HTTP error status (400-599); got ${status}`);
    this.remaining = count;
    this.status = status;
  }

  /** Throws the injected error if one is due. */
  check(): void {
    if (this.remaining > 0) {
      this.remaining--;
      throw new GoogleApiError(this.status);
    }
  }
}
