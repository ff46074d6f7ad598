// The UI bench's load: `rate` messages per second over `topics` topics (QoS 0, mqtt.js), paced against the
// clock, plus a marker value every `markerEveryMs` whose payload carries its wall-clock publish time.
import mqtt from 'mqtt'
import { childConfig, finishWith, tellParent } from './lib/child'
import { benchTopic, writePayload } from './lib/messages'

export interface UiPublisherConfig {
  port: number
  prefix: string
  topics: number
  rate: number
  markerTopic: string
  markerEveryMs: number
}

/** What the publisher achieved, sent when the parent says stop. */
export interface UiPublisherResult {
  messages: number
  markers: number
  seconds: number
  messagesPerSecond: number
}

const TICK_MS = 5

async function main(): Promise<void> {
  const config = childConfig<UiPublisherConfig>()
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${config.port}`, { reconnectPeriod: 0, clientId: `ui-bench-pub-${process.pid}` })
  const scratch = Buffer.alloc(256)
  const started = performance.now()
  let sent = 0
  let markers = 0

  const pump = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * config.rate)
    for (; sent < due; sent++) {
      const length = writePayload(scratch, 0, sent)
      client.publish(benchTopic(config.prefix, sent, config.topics), Buffer.from(scratch.subarray(0, length)), { qos: 0 })
    }
  }, TICK_MS)
  const marker = setInterval(() => {
    const at = performance.timeOrigin + performance.now()
    client.publish(config.markerTopic, `{"m":${++markers},"t":${at.toFixed(3)}}`, { qos: 0 })
  }, config.markerEveryMs)

  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'stop') return
    clearInterval(pump)
    clearInterval(marker)
    const seconds = (performance.now() - started) / 1000
    void client.endAsync().then(() => finishWith({ messages: sent, markers, seconds, messagesPerSecond: Math.round(sent / seconds) } satisfies UiPublisherResult))
  })
  tellParent({ type: 'ready' })
}

void main()
