/** Messages that may share one reading of the clock, so a timestamp is never more than a burst old. */
export const READS_PER_TICK = 256

/**
 * The time received messages are stamped with, read once per burst. mqtt.js hands over the messages parsed
 * from one socket read back to back, before any microtask runs; reading the wall clock for each one costs
 * more than the rest of taking the message over. The reading is taken again once the burst is over (a
 * microtask) or after READS_PER_TICK messages, whichever comes first.
 */
export class ReceiveClock {
  private reading = 0
  private readsLeft = 0
  private readonly expire = (): void => {
    this.readsLeft = 0
  }

  constructor(private readonly clock: () => number = Date.now) {}

  /** Milliseconds since the epoch, as of the current burst of messages. */
  now(): number {
    if (this.readsLeft === 0) {
      this.reading = this.clock()
      this.readsLeft = READS_PER_TICK
      queueMicrotask(this.expire)
    }
    this.readsLeft--
    return this.reading
  }
}
