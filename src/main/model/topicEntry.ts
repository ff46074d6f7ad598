import type { MessageProperties } from '../../shared/contract'
import { NONE, type HistoryChain } from './historyLog'
import type { TreeNode } from './topicTree'

/** One topic of a connection: its latest message held here, older ones in the connection's history log. */
export class TopicEntry implements HistoryChain {
  newestHistory = NONE
  oldestHistory = NONE
  historyCount = 0
  /** Exact number of messages received on this topic. */
  count = 0
  /** The broker delivered a retained value and no clear was seen since. */
  retained = false
  /** Waiting in the coalescer's set of changed topics. */
  dirty = false
  /** Bytes of the latest payload (its first `latestSize` bytes), reused while the sizes fit. */
  latest: Buffer | undefined = undefined
  latestSize = 0
  latestAt = 0
  /** DeltaFlag bits of the latest message: qos, retain, dup, large, payloadEvicted. */
  latestFlags = 0
  latestProperties: MessageProperties | undefined = undefined
  /** Its node in the tree index, once the index has caught up with it. */
  node: TreeNode | undefined = undefined

  constructor(
    readonly id: number,
    readonly topic: string
  ) {}
}
