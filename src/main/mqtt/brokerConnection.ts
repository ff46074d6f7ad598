import type { Socket } from 'node:net'
import mqtt, { type IConnackPacket, type IPublishPacket, type MqttClient } from 'mqtt'
import { logTlsKeys, openKeyLog } from './tlsKeyLog'
import { UserFacingError, type AppError, type BrokerCapabilities, type ConnectionOptions, type ConnectionState, type ConnectionStatus } from '../../shared/contract'
import type { PublishResult, QoS, ReceivedMessage, Subscription, SubscriptionResult } from '../../shared/contract'
import { buildClientOptions } from './clientOptions'
import { connectThroughProxy } from './proxy/proxiedClient'
import { ReceiveClock } from './receiveClock'
import {
  brokerDisconnectError,
  connectionClosedError,
  connectionLostError,
  describeConnectError,
  notConnectedError,
  type ConnectTarget
} from './errorMessages'
import { fromMqttMessageProperties } from './properties'
import { Publisher } from './publisher'
import { writeQos0Burst, type BurstOutcome } from './qos0Burst'
import { subscribeAll } from './subscribe'
import type { PublishMessage } from '../../shared/contract'

/** Where a connection reports to its manager. */
export interface ConnectionHooks {
  status(status: ConnectionStatus): void
  message(connectionId: string, message: ReceivedMessage): void
}

/** Nagle's algorithm would hold QoS 1/2 acks back (DESIGN.md); ws:// sockets already set this. */
function setNoDelay(stream: unknown): void {
  const socket = stream as Partial<Socket> | undefined
  if (typeof socket?.setNoDelay === 'function') socket.setNoDelay(true)
}

/** What the broker's CONNACK announced; MQTT 3.1/3.1.1 cannot announce limits. */
function capabilitiesOf(connack: IConnackPacket, protocolVersion: ConnectTarget['protocolVersion']): BrokerCapabilities {
  if (protocolVersion !== 5) return { protocolVersion }
  const properties = connack.properties
  const maximumPacketSize = properties?.maximumPacketSize
  const receiveMaximum = properties?.receiveMaximum
  return {
    protocolVersion,
    // Absent means the highest value (MQTT 5 §3.2.2.3.4, §3.2.2.3.5).
    maximumQos: (properties?.maximumQoS ?? 2) as QoS,
    retainAvailable: properties?.retainAvailable ?? true,
    ...(maximumPacketSize === undefined ? {} : { maximumPacketSize }),
    ...(receiveMaximum === undefined ? {} : { receiveMaximum })
  }
}

/** One broker connection: an mqtt.js client, its status, its subscriptions and its operations. */
export class BrokerConnection {
  private client: MqttClient | undefined
  private target: ConnectTarget | undefined
  private status: ConnectionStatus
  private everConnected = false
  private closing = false
  private lastError: AppError | undefined
  private pendingOpen: { resolve(): void; reject(error: UserFacingError): void } | undefined
  /** What the broker announced in the CONNACK of the current connection; undefined until it accepted one. */
  private broker: BrokerCapabilities | undefined
  /** The reason of the broker's v5 DISCONNECT on the current connection. */
  private disconnectReason: number | undefined
  private readonly publisher: Publisher
  /** Granted subscriptions, sent again after a reconnect that did not keep the session. */
  private readonly active = new Map<string, Subscription>()
  /** Stamps received messages (one clock reading per burst). */
  private readonly clock = new ReceiveClock()

  constructor(
    readonly id: string,
    private readonly hooks: ConnectionHooks,
    publishTimeoutMs: number
  ) {
    this.status = { connectionId: id, state: 'connecting', at: Date.now() }
    this.publisher = new Publisher(publishTimeoutMs)
  }

  get state(): ConnectionState {
    return this.status.state
  }

  currentStatus(): ConnectionStatus {
    return this.status
  }

  /** Opens the connection; resolves on CONNACK, rejects with a sentence on the first failure (and stops). */
  async open(options: ConnectionOptions): Promise<void> {
    this.setState('connecting')
    let clientOptions
    try {
      clientOptions = await buildClientOptions(options)
      if (options.tls?.keyLogFile && options.protocol === 'mqtts') openKeyLog(options.tls.keyLogFile)
    } catch (error) {
      const failure = error instanceof UserFacingError
        ? error
        : new UserFacingError('internal', `The connection settings could not be prepared (${String(error)}). Check the TLS files and try again.`)
      this.setState('error', failure)
      throw failure
    }
    if (this.closing) throw new UserFacingError('cancelled', 'The connection attempt was cancelled.')
    this.target = {
      protocol: options.protocol,
      host: options.host,
      port: options.port,
      servername: options.tls?.servername,
      connectTimeoutMs: options.connectTimeoutMs,
      protocolVersion: options.protocolVersion,
      clientId: clientOptions.clientId as string
    }
    return new Promise<void>((resolve, reject) => {
      this.pendingOpen = { resolve, reject }
      try {
        this.client = options.proxy ? connectThroughProxy(clientOptions, options.proxy) : mqtt.connect(clientOptions)
      } catch (error) {
        this.failFirstAttempt(error)
        return
      }
      setNoDelay(this.client.stream)
      if (options.tls?.keyLogFile && options.protocol === 'mqtts') logTlsKeys(this.client, options.tls.keyLogFile)
      this.listen(this.client, options.reconnectPeriodMs)
    })
  }

  private listen(client: MqttClient, reconnectPeriodMs: number): void {
    client.on('connect', (connack) => this.onConnect(client, connack))
    client.on('error', (error) => this.onError(client, error))
    client.on('close', () => this.onClose(client, reconnectPeriodMs))
    client.on('offline', () => !this.closing && this.setState('offline', this.lastError ?? connectionLostError(this.requireTarget())))
    client.on('reconnect', () => !this.closing && this.setState('reconnecting', this.lastError ?? connectionLostError(this.requireTarget())))
    client.on('disconnect', (packet) => {
      if (packet.reasonCode === undefined || packet.reasonCode === 0) return
      this.disconnectReason = packet.reasonCode
      this.lastError = brokerDisconnectError(packet.reasonCode, this.requireTarget())
    })
    client.on('message', (topic: string, payload: Buffer, packet: IPublishPacket) => {
      // Hot path: one object per message, nothing else.
      this.hooks.message(this.id, {
        topic,
        payload,
        qos: packet.qos,
        retain: packet.retain,
        dup: packet.dup,
        properties: packet.properties ? fromMqttMessageProperties(packet.properties) : undefined,
        receivedAt: this.clock.now()
      })
    })
  }

  private onConnect(client: MqttClient, connack: IConnackPacket): void {
    setNoDelay(client.stream)
    const reconnected = this.everConnected
    this.everConnected = true
    this.lastError = undefined
    this.broker = capabilitiesOf(connack, this.requireTarget().protocolVersion)
    if (reconnected && !connack.sessionPresent && this.active.size > 0) {
      // The broker forgot our subscriptions: restore them before saying "connected", so what the user sees
      // subscribed really is. A refusal now (ACL changed meanwhile) leaves that filter out.
      const restored = subscribeAll(client, [...this.active.values()], this.requireTarget().protocolVersion).catch(() => undefined)
      void restored.then(() => client.connected && !this.closing && this.setState('connected'))
      return
    }
    this.setState('connected')
    if (this.pendingOpen) {
      this.pendingOpen.resolve()
      this.pendingOpen = undefined
    }
  }

  private onError(client: MqttClient, error: Error): void {
    if (this.closing) return
    if (!this.everConnected) {
      this.failFirstAttempt(error)
      return
    }
    const described = describeConnectError(error, this.requireTarget())
    this.lastError = { code: described.code, message: described.message }
    // A CONNACK refusal on reconnect stops mqtt.js from retrying: the connection is over.
    if (typeof (error as { code?: unknown }).code === 'number' && !client.connected) {
      this.setState('error', this.lastError)
      client.end(true)
      return
    }
    // mqtt.js reports some causes (a keep-alive time-out) only after it already went offline.
    this.refreshError()
  }

  /** Re-sends the status of a dropped connection with the latest reason. */
  private refreshError(): void {
    if ((this.state === 'offline' || this.state === 'reconnecting') && this.lastError) this.setState(this.state, this.lastError)
  }

  private onClose(client: MqttClient, reconnectPeriodMs: number): void {
    if (this.closing) return
    if (!this.everConnected) {
      const streamError = (client.stream as { errored?: Error | null } | undefined)?.errored
      this.failFirstAttempt(streamError ?? connectionClosedError(this.requireTarget()))
      return
    }
    // Stop resending a message the broker answers by closing the connection.
    this.broker = undefined
    const refused = this.publisher.connectionClosed(this.disconnectReason)
    this.disconnectReason = undefined
    if (refused) {
      this.lastError = { code: refused.code, message: refused.message }
      this.refreshError()
    }
    if (reconnectPeriodMs === 0 && this.state !== 'error') {
      const cause = this.lastError ?? connectionLostError(this.requireTarget())
      this.setState('error', { code: cause.code, message: `${cause.message} Automatic reconnection is off: connect again.` })
    }
  }

  /** The very first attempt failed: the user is looking at the form, so say why and stop retrying. */
  private failFirstAttempt(error: unknown): void {
    const pending = this.pendingOpen
    if (!pending) return
    this.pendingOpen = undefined
    const failure = describeConnectError(error, this.requireTarget())
    this.client?.end(true)
    this.setState('error', { code: failure.code, message: failure.message })
    pending.reject(failure)
  }

  private requireTarget(): ConnectTarget {
    if (!this.target) throw new Error('BrokerConnection used before open()')
    return this.target
  }

  private requireConnected(): MqttClient {
    if (!this.client || this.state !== 'connected') throw notConnectedError(this.id, this.state)
    return this.client
  }

  private setState(state: ConnectionState, error?: AppError): void {
    const broker = state === 'connected' ? this.broker : undefined
    this.status = { connectionId: this.id, state, ...(error ? { error } : {}), ...(broker ? { broker } : {}), at: Date.now() }
    this.hooks.status(this.status)
  }

  async subscribe(subscriptions: Subscription[]): Promise<SubscriptionResult[]> {
    const client = this.requireConnected()
    const results = await subscribeAll(client, subscriptions, this.requireTarget().protocolVersion)
    results.forEach((result, i) => {
      const subscription = subscriptions[i] as Subscription
      if (result.grantedQos !== null) this.active.set(subscription.filter, subscription)
    })
    return results
  }

  async unsubscribe(filters: string[]): Promise<void> {
    const client = this.requireConnected()
    await new Promise<void>((resolve, reject) => {
      client.unsubscribe(filters, (error) => {
        if (error) reject(new UserFacingError('not-connected', `The broker did not confirm the unsubscribe (${error.message}). Try again once connected.`))
        else resolve()
      })
    })
    for (const filter of filters) this.active.delete(filter)
  }

  /** Publishes within the limits the broker announced; see Publisher for what each outcome means. */
  publish(message: PublishMessage): Promise<PublishResult> {
    const client = this.requireConnected()
    return this.publisher.publish(client, message, this.broker ?? { protocolVersion: this.requireTarget().protocolVersion })
  }

  /** QoS 0 messages in one write (a replay as fast as possible); see writeQos0Burst. */
  publishBurst(messages: readonly PublishMessage[]): Promise<BurstOutcome> {
    return writeQos0Burst(this.requireConnected(), messages, this.broker ?? { protocolVersion: this.requireTarget().protocolVersion })
  }

  /** Closes the connection (DISCONNECT when connected) and cancels an attempt still in progress. */
  async close(): Promise<void> {
    this.closing = true
    const pending = this.pendingOpen
    this.pendingOpen = undefined
    pending?.reject(new UserFacingError('cancelled', 'The connection attempt was cancelled.'))
    this.publisher.cancelAll(new UserFacingError('cancelled', 'The connection was closed before the broker confirmed the message.'))
    const client = this.client
    if (client) {
      await new Promise<void>((resolve) => {
        // A DISCONNECT that cannot be written (dead socket) must not keep the caller waiting.
        const timer = setTimeout(() => {
          client.stream?.destroy()
          resolve()
        }, 2_000)
        client.end(!client.connected, () => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
    this.setState('disconnected')
  }
}
