import type { SubscriptionResult } from '@shared/contract'
import { compileTopicFilter } from '@shared/topics'
import type { ClientModel } from '../../model'
import { utf8Decode } from '../../lib/bytes'
import { formatByteRate, formatBytes, formatCount, formatDuration, formatRate } from '../../lib/format'

/** One figure of the broker statistics panel. */
export interface BrokerFigure {
  label: string
  value: string
  topic: string
}

/** How a figure's payload reads: a number with its unit, the uptime as a duration, or the text as sent. */
type FigureKind = 'text' | 'count' | 'duration' | 'bytes' | 'msgPerMin' | 'bytesPerMin'

/** The `$SYS/broker/...` topics shown, in order; the first one present of each list wins (brokers differ). */
const FIGURES: { label: string; kind: FigureKind; topics: string[] }[] = [
  { label: 'Version', kind: 'text', topics: ['$SYS/broker/version'] },
  { label: 'Uptime', kind: 'duration', topics: ['$SYS/broker/uptime'] },
  { label: 'Clients connected', kind: 'count', topics: ['$SYS/broker/clients/connected', '$SYS/broker/clients/active'] },
  { label: 'Clients total', kind: 'count', topics: ['$SYS/broker/clients/total'] },
  { label: 'Messages received', kind: 'count', topics: ['$SYS/broker/messages/received', '$SYS/broker/publish/messages/received'] },
  { label: 'Messages sent', kind: 'count', topics: ['$SYS/broker/messages/sent', '$SYS/broker/publish/messages/sent'] },
  { label: 'Retained messages', kind: 'count', topics: ['$SYS/broker/retained messages/count'] },
  { label: 'Subscriptions', kind: 'count', topics: ['$SYS/broker/subscriptions/count'] },
  { label: 'Load received (1 min)', kind: 'msgPerMin', topics: ['$SYS/broker/load/messages/received/1min'] },
  { label: 'Load sent (1 min)', kind: 'msgPerMin', topics: ['$SYS/broker/load/messages/sent/1min'] },
  { label: 'Bytes received (1 min)', kind: 'bytesPerMin', topics: ['$SYS/broker/load/bytes/received/1min'] },
  { label: 'Bytes sent (1 min)', kind: 'bytesPerMin', topics: ['$SYS/broker/load/bytes/sent/1min'] },
  { label: 'Heap in use', kind: 'bytes', topics: ['$SYS/broker/heap/current', '$SYS/broker/heap/current size'] }
]

/** A figure's text with its unit; the text as the broker sent it when it is not the number expected. */
function formatFigure(kind: FigureKind, text: string): string {
  // Mosquitto says "63 seconds" for its uptime and plain numbers elsewhere.
  const number = Number(kind === 'duration' ? text.replace(/\s*seconds?$/, '') : text)
  if (kind === 'text' || text === '' || !Number.isFinite(number)) return text
  if (kind === 'duration') return formatDuration(number)
  if (kind === 'bytes') return formatBytes(number)
  if (kind === 'msgPerMin') return formatRate(number, 'msg', 'min')
  if (kind === 'bytesPerMin') return formatByteRate(number, 'min')
  return formatCount(number)
}

/** The broker's own statistics from its latest `$SYS/broker/#` values; empty when it publishes none. */
export function brokerFigures(model: ClientModel): BrokerFigure[] {
  const figures: BrokerFigure[] = []
  for (const figure of FIGURES) {
    for (const topic of figure.topics) {
      const snapshot = model.topic(topic)
      if (snapshot) {
        figures.push({ label: figure.label, value: formatFigure(figure.kind, utf8Decode(snapshot.message.payload).trim()), topic })
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
