import mqtt, { type IClientPublishOptions, type MqttClient } from 'mqtt'
import { afterAll, beforeAll } from 'vitest'
import { startTestBroker, type TestBroker } from '../../support/broker'

/** A message as another MQTT client saw it. */
export interface SeenMessage {
  topic: string
  payload: string
  qos: number
  retain: boolean
}

/** An ordinary mqtt.js client beside the app, to publish test data and to check what the broker holds. */
export async function connectPeer(url: string): Promise<MqttClient> {
  return mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 5_000 })
}

/**
 * Subscribes a fresh client to `filter` and returns the retained messages the broker sends for it. A QoS 1
 * message the client publishes after its SUBACK marks the end: the broker sends retained values first.
 */
export async function retainedMessages(url: string, filter: string, endTopic: string): Promise<SeenMessage[]> {
  const client = await connectPeer(url)
  try {
    const seen: SeenMessage[] = []
    const done = new Promise<void>((resolve) => {
      client.on('message', (topic, payload, packet) => {
        if (topic === endTopic) return resolve()
        seen.push({ topic, payload: payload.toString(), qos: packet.qos, retain: packet.retain })
      })
    })
    await client.subscribeAsync([filter, endTopic], { qos: 1 })
    const marker: IClientPublishOptions = { qos: 1, retain: false }
    await client.publishAsync(endTopic, 'end', marker)
    await done
    return seen
  } finally {
    await client.endAsync()
  }
}

/** A test broker with a plain listener, and a client beside the app publishing to it. */
export interface BrokerWithPublisher {
  readonly broker: TestBroker
  readonly publisher: MqttClient
  /** The broker's plain listener, for another client of the test's own. */
  readonly url: string
}

/** Starts a broker and a publisher before the describe block's tests and stops both after them. */
export function brokerWithPublisher(): BrokerWithPublisher {
  let broker: TestBroker | undefined
  let publisher: MqttClient | undefined
  beforeAll(async () => {
    broker = await startTestBroker({ listeners: ['plain'] })
    publisher = await connectPeer(`mqtt://127.0.0.1:${broker.ports.plain}`)
  })
  afterAll(async () => {
    await publisher?.endAsync()
    await broker?.stop()
  })
  return {
    get broker() {
      if (!broker) throw new Error('The test broker is not started yet (use it inside a test).')
      return broker
    },
    get publisher() {
      if (!publisher) throw new Error('The publisher is not connected yet (use it inside a test).')
      return publisher
    },
    get url() {
      return `mqtt://127.0.0.1:${this.broker.ports.plain}`
    }
  }
}
