/**
 * A token bucket: holds up to `burst` tokens and refills at `perSecond`. A request is allowed while the
 * balance is positive and its cost may take the balance below zero, so one request larger than the whole
 * burst (a legitimate first sync of a big room) still passes once, and the next waits for the refill.
 */
export interface Rate {
  readonly burst: number;
  readonly perSecond: number;
}

export class TokenBucket {
  private balance: number;
  private updatedAt: number;

  constructor(
    private readonly rate: Rate,
    now: number = Date.now(),
  ) {
    this.balance = rate.burst;
    this.updatedAt = now;
  }

  /** True when a request may go ahead now. */
  allows(now: number = Date.now()): boolean {
    this.refill(now);
    return this.balance > 0;
  }

  /** Takes `cost` if a request may go ahead; false (nothing taken) when the balance is spent. */
  take(cost: number, now: number = Date.now()): boolean {
    if (!this.allows(now)) return false;
    this.balance -= cost;
    return true;
  }

  /** Takes the cost of work already done (after an allows()). */
  charge(cost: number): void {
    this.balance -= cost;
  }

  /** True when the bucket is full again: it remembers nothing a fresh one would not. */
  isFull(now: number = Date.now()): boolean {
    this.refill(now);
    return this.balance >= this.rate.burst;
  }

  private refill(now: number): void {
    const elapsed = now - this.updatedAt;
    if (elapsed <= 0) return;
    this.updatedAt = now;
    this.balance = Math.min(this.rate.burst, this.balance + (elapsed / 1000) * this.rate.perSecond);
  }
}
