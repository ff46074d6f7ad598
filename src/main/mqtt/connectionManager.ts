import {
  UserFacingError,
  type ConnectionOptions,
  type ConnectionStatus,
  type PublishMessage,
  type PublishResult,
  type ReceivedMessage,
  type Subscription,
  type SubscriptionResult
} from '../../shared/contract'
import { BrokerConnection } from './brokerConnection'
import { notConnectedError } from './errorMessages'
import { DEFAULT_PUBLISH_TIMEOUT_MS } from './publisher'
import type { BurstOutcome } from './qos0Burst'

type StatusListener = (status: ConnectionStatus) => void
type MessageListener = (connectionId: string, message: ReceivedMessage) => void

/** Settings of the engine itself, the same for every connection. */
export interface ConnectionManagerOptions {
  /** How long a QoS 1/2 publish waits for the broker's acknowledgement before it is given up (default 30 s). */
  publishTimeoutMs?: number
}

/** Every broker connection of the app, by caller-chosen id; the one place main talks MQTT. */
export class ConnectionManager {
  private readonly connections = new Map<string, BrokerConnection>()
  private readonly statusListeners = new Set<StatusListener>()
  private readonly messageListeners = new Set<MessageListener>()
  private readonly publishTimeoutMs: number
  private readonly hooks = {
    status: (status: ConnectionStatus) => {
      for (const listener of this.statusListeners) listener(status)
    },
    message: (connectionId: string, message: ReceivedMessage) => {
      for (const listener of this.messageListeners) listener(connectionId, message)
    }
  }

  constructor(options: ConnectionManagerOptions = {}) {
    this.publishTimeoutMs = options.publishTimeoutMs ?? DEFAULT_PUBLISH_TIMEOUT_MS
  }

  /** Resolves on CONNACK success; rejects with UserFacingError (sentence) otherwise. options = parsed ConnectionOptions (defaults filled). */
  async connect(connectionId: string, options: ConnectionOptions): Promise<void> {
    if (this.connections.has(connectionId)) {
      throw new UserFacingError('already-exists', `A connection named "${connectionId}" is already open. Disconnect it first, or use another name.`)
    }
    const connection = new BrokerConnection(connectionId, this.hooks, this.publishTimeoutMs)
    this.connections.set(connectionId, connection)
    try {
      await connection.open(options)
    } catch (error) {
      if (this.connections.get(connectionId) === connection) this.connections.delete(connectionId)
      throw error
    }
  }

  /** Closes the connection and forgets it. */
  async disconnect(connectionId: string): Promise<void> {
    const connection = this.require(connectionId)
    this.connections.delete(connectionId)
    await connection.close()
  }

  /** Subscribes to several filters; refused filters come back with grantedQos null and a sentence. */
  async subscribe(connectionId: string, subscriptions: Subscription[]): Promise<SubscriptionResult[]> {
    return this.require(connectionId).subscribe(subscriptions)
  }

  async unsubscribe(connectionId: string, filters: string[]): Promise<void> {
    return this.require(connectionId).unsubscribe(filters)
  }

  /**
   * Resolves when PUBACK/PUBCOMP (QoS 1/2) or written (QoS 0); rejects UserFacingError 'publish-refused' on a v5
   * reason code >= 0x80, a limit the CONNACK announced, or a broker that closes the connection over it, and
   * 'publish-timeout' when no acknowledgement came in time.
   */
  async publish(connectionId: string, message: PublishMessage): Promise<PublishResult> {
    return this.require(connectionId).publish(message)
  }

  /** QoS 0 messages written in one go, each written or refused by the broker's announced limits (see writeQos0Burst). */
  async publishBurst(connectionId: string, messages: readonly PublishMessage[]): Promise<BurstOutcome> {
    return this.require(connectionId).publishBurst(messages)
  }

  list(): ConnectionStatus[] {
    return [...this.connections.values()].map((connection) => connection.currentStatus())
  }

  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener)
    return () => this.statusListeners.delete(listener)
  }

  /** Hot path: called once per received message; `message.payload` may be a Buffer sharing mqtt.js's socket chunk — copy what you keep. */
  onMessage(listener: MessageListener): () => void {
    this.messageListeners.add(listener)
    return () => this.messageListeners.delete(listener)
  }

  /** Closes every connection. */
  async dispose(): Promise<void> {
    const all = [...this.connections.values()]
    this.connections.clear()
    await Promise.all(all.map((connection) => connection.close()))
  }

  private require(connectionId: string): BrokerConnection {
    const connection = this.connections.get(connectionId)
    if (!connection) throw notConnectedError(connectionId, undefined)
    return connection
  }
}
