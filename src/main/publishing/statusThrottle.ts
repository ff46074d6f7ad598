/** How often a running simulation or sequence reports its counts at most. */
export const STATUS_MS = 250

/**
 * Reports a running job's status at most every STATUS_MS while it changes, and the latest change once that
 * time is up (so counts that change once, then rest, still arrive); `final` reports at once and stops.
 */
export class StatusThrottle<S> {
  private lastAt = Number.NEGATIVE_INFINITY
  private trailing: NodeJS.Timeout | undefined

  constructor(
    private readonly current: () => S,
    private readonly report: (status: S) => void
  ) {}

  changed(): void {
    if (this.trailing) return
    const wait = this.lastAt + STATUS_MS - performance.now()
    if (wait <= 0) this.send()
    else this.trailing = setTimeout(() => this.send(), wait)
  }

  final(): void {
    clearTimeout(this.trailing)
    this.trailing = undefined
    this.report(this.current())
  }

  private send(): void {
    this.trailing = undefined
    this.lastAt = performance.now()
    this.report(this.current())
  }
}
