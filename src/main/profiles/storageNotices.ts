import { randomUUID } from 'node:crypto'
import type { StorageNotice } from '../../shared/contract'
import type { EventSink } from '../ports/eventSink'

/** Notices about settings storage: kept for windows that open later, and sent to open ones. */
export class StorageNotices {
  private readonly notices: StorageNotice[] = []

  constructor(private readonly emit?: EventSink) {}

  add(notice: Omit<StorageNotice, 'id' | 'at'>, at = Date.now()): void {
    const full: StorageNotice = { ...notice, id: randomUUID(), at }
    this.notices.push(full)
    this.emit?.('profile:notice', full)
  }

  list(): StorageNotice[] {
    return [...this.notices]
  }
}
