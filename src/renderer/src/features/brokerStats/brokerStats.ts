import type { SubscriptionResult } from '@shared/contract'
import { compileTopicFilter } from '@shared/topics'
import type { ClientModel } from '../../model'
import { utf8Decode } from '../../lib/bytes'

/** One figure of the broker statistics panel. */
export interface BrokerFigure {
  label: string
  value: string
  topic: string
}

/** The `$SYS/broker/...` topics shown, in order; the first one present of each list wins (brokers differ). */
const FIGURES: { label: string; topics: string[] }[] = [
  { label: 'Version', topics: ['$SYS/broker/version'] },
  { label: 'Uptime', topics: ['$SYS/broker/uptime'] },
  { label: 'Clients connected', topics: ['$SYS/broker/clients/connected', '$SYS/broker/clients/active'] },
  { label: 'Clients total', topics: ['$SYS/broker/clients/total'] },
  { label: 'Messages received', topics: ['$SYS/broker/messages/received', '$SYS/broker/publish/messages/received'] },
  { label: 'Messages sent', topics: ['$SYS/broker/messages/sent', '$SYS/broker/publish/messages/sent'] },
  { label: 'Retained messages', topics: ['$SYS/broker/retained messages/count'] },
  { label: 'Subscriptions', topics: ['$SYS/broker/subscriptions/count'] },
  { label: 'Load: received msg/min (1 min)', topics: ['$SYS/broker/load/messages/received/1min'] },
  { label: 'Load: sent msg/min (1 min)', topics: ['$SYS/broker/load/messages/sent/1min'] },
  { label: 'Load: received bytes/min (1 min)', topics: ['$SYS/broker/load/bytes/received/1min'] },
  { label: 'Load: sent bytes/min (1 min)', topics: ['$SYS/broker/load/bytes/sent/1min'] },
  { label: 'Heap in use', topics: ['$SYS/broker/heap/current', '$SYS/broker/heap/current size'] }
]

/** The broker's own statistics from its latest `$SYS/broker/#` values; empty when it publishes none. */
export function brokerFigures(model: ClientModel): BrokerFigure[] {
  const figures: BrokerFigure[] = []
  for (const figure of FIGURES) {
    for (const topic of figure.topics) {
      const snapshot = model.topic(topic)
      if (snapshot) {
        figures.push({ label: figure.label, value: utf8Decode(snapshot.message.payload).trim(), topic })
        break
      }
    }
  }
  return figures
}

/** Whether the broker granted a subscription that covers its `$SYS/broker/...` statistics. */
export function statsSubscriptionGranted(results: Record<string, SubscriptionResult>): boolean {
  return Object.values(results).some((result) => result.grantedQos !== null && compileTopicFilter(result.filter)('$SYS/broker/uptime'))
}
