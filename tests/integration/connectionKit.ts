// Shared by the connection*.test.ts suites: options for the test broker's listeners, and waits on events.
import type { z } from 'zod'
import {
  connectionOptionsSchema,
  type ConnectionOptions,
  type ConnectionState,
  type ConnectionStatus,
  type ReceivedMessage
} from '../../src/shared/contract'
import type { ConnectionManager } from '../../src/main/mqtt/connectionManager'
import type { TestContext } from 'vitest'
import type { ListenerName, TestBroker } from '../support/broker'

export const WAIT_MS = 5_000

/** Connection options as a test writes them (defaults may be left out). */
export type ConnectionOptionsInput = z.input<typeof connectionOptionsSchema>

/** Options for one listener of the test broker, defaults filled by the contract's schema (as main does). */
export function optionsFor(broker: TestBroker, listener: ListenerName, extra: Partial<ConnectionOptionsInput> = {}): ConnectionOptions {
  const port = broker.ports[listener]
  if (port === undefined) throw new Error(`The test broker has no ${listener} listener.`)
  const protocol = listener === 'ws' || listener === 'wss' ? listener : ['tls', 'mtls', 'selfSigned', 'expired'].includes(listener) ? 'mqtts' : 'mqtt'
  return connectionOptionsSchema.parse({
    protocol,
    host: broker.host,
    port,
    path: broker.wsPath,
    connectTimeoutMs: WAIT_MS,
    reconnectPeriodMs: 0,
    ...extra
  })
}

/** The next message on `topic` for `connectionId` (registered before the action that causes it). */
export function nextMessage(manager: ConnectionManager, connectionId: string, topic: string): Promise<ReceivedMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop()
      reject(new Error(`No message on "${topic}" within ${WAIT_MS} ms.`))
    }, WAIT_MS)
    const stop = manager.onMessage((id, message) => {
      if (id !== connectionId || message.topic !== topic) return
      clearTimeout(timer)
      stop()
      resolve(message)
    })
  })
}

/** Collects `count` messages for `connectionId`, in arrival order. */
export function messages(manager: ConnectionManager, connectionId: string, count: number): Promise<ReceivedMessage[]> {
  const seen: ReceivedMessage[] = []
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop()
      reject(new Error(`Only ${seen.length} of ${count} messages arrived within ${WAIT_MS} ms.`))
    }, WAIT_MS)
    const stop = manager.onMessage((id, message) => {
      if (id !== connectionId) return
      seen.push(message)
      if (seen.length < count) return
      clearTimeout(timer)
      stop()
      resolve(seen)
    })
  })
}

/** Resolves with the first status of `connectionId` in `state`. */
export function nextStatus(manager: ConnectionManager, connectionId: string, state: ConnectionState, waitMs = WAIT_MS): Promise<ConnectionStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop()
      reject(new Error(`"${connectionId}" did not become ${state} within ${waitMs} ms.`))
    }, waitMs)
    const stop = manager.onStatus((status) => {
      if (status.connectionId !== connectionId || status.state !== state) return
      clearTimeout(timer)
      stop()
      resolve(status)
    })
  })
}

/** The rejection of `promise` (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise
  } catch (error) {
    return error as { code: string; message: string }
  }
  throw new Error('Expected a rejection, but the promise resolved.')
}

export function bytes(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text)
}

/** aedes, the fallback broker, speaks no MQTT 5: skip a v5 test there, saying why. */
export function requireMqtt5(broker: TestBroker, context: TestContext): void {
  if (broker.kind === 'aedes') context.skip('aedes speaks no MQTT 5 (Mosquitto is not installed)')
}
