import { NONE, type MessageChain } from './messageLog'
import type { TreeNode } from './topicTree'

/** `TopicEntry.next` before any message followed one of this topic. */
export const NO_TOPIC = -1

/** One topic of a connection; its messages, the latest included, are a chain in the connection's log. */
export class TopicEntry implements MessageChain {
  newest = NONE
  oldest = NONE
  kept = 0
  /** Exact number of messages received on this topic. */
  count = 0
  /** Payload bytes received on this topic, all messages counted. */
  bytes = 0
  /** The broker delivered a retained value and no clear was seen since. */
  retained = false
  /** Waiting in the model's queue of changed topics (DirtyQueue). */
  dirty = false
  /** Its node in the tree index, once the index has caught up with it. */
  node: TreeNode<TopicEntry> | undefined = undefined
  /** Id of the topic whose message came right after this topic's latest one, the last time (see TopicPredictor). */
  next = NO_TOPIC

  constructor(
    readonly id: number,
    readonly topic: string
  ) {}
}
