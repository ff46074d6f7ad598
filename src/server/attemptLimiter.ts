interface Window {
  startedAt: number
  failures: number
}

/** Counts failed authentication attempts per remote address in fixed windows; blocks an address over the limit. */
export class AttemptLimiter {
  private readonly windows = new Map<string, Window>()
  private pruneAtSize = 1024

  constructor(
    private readonly limit = 10,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now
  ) {}

  /** True while the address has used up its failures for the current window. */
  isBlocked(address: string): boolean {
    const window = this.current(address)
    return window !== undefined && window.failures >= this.limit
  }

  recordFailure(address: string): void {
    const window = this.current(address)
    if (window) {
      window.failures++
      return
    }
    this.prune()
    this.windows.set(address, { startedAt: this.now(), failures: 1 })
  }

  /** Milliseconds until the address may try again (for Retry-After). */
  retryAfterMs(address: string): number {
    const window = this.current(address)
    return window ? Math.max(0, window.startedAt + this.windowMs - this.now()) : 0
  }

  private current(address: string): Window | undefined {
    const window = this.windows.get(address)
    if (window && this.now() - window.startedAt >= this.windowMs) {
      this.windows.delete(address)
      return undefined
    }
    return window
  }

  // Expired windows are swept each time the map doubles: amortized constant work per failure, and a flood of
  // addresses cannot keep more than two windows' worth of entries.
  private prune(): void {
    if (this.windows.size < this.pruneAtSize) return
    const now = this.now()
    for (const [address, window] of this.windows) {
      if (now - window.startedAt >= this.windowMs) this.windows.delete(address)
    }
    this.pruneAtSize = Math.max(1024, this.windows.size * 2)
  }
}
