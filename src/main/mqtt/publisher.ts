import type { MqttClient, Packet } from 'mqtt'
import { UserFacingError, type BrokerCapabilities, type PublishMessage, type PublishResult } from '../../shared/contract'
import { AckReasonCodes, type Ack } from './ackReasonCodes'
import { blamesPublish, publishBeyondLimitsError, publishKickedError, publishRefusedError, publishTimeoutError, type PublishSummary } from './errorMessages'
import { publishPacketBytes } from './packetSize'
import { asBuffer, toMqttPublishProperties } from './properties'

/** How long a QoS 1/2 publish may wait for its PUBACK/PUBCOMP by default. */
export const DEFAULT_PUBLISH_TIMEOUT_MS = 30_000

/** A broker that closed the connection while a message was outstanding this many times is refusing it. */
const CLOSES_BEFORE_DROPPING = 2

/** One QoS 1/2 publish awaiting its acknowledgement. */
interface Outstanding {
  summary: PublishSummary
  /** Known once mqtt.js stored the packet for retransmission. */
  messageId: number | undefined
  /** Written on the current connection (mqtt.js resends stored messages on every reconnect). */
  sentOnThisConnection: boolean
  /** Connections that closed after this message was written on them. */
  closes: number
  /** Ends the wait (exactly once) and rejects the caller. */
  fail(error: UserFacingError): void
}

/** The publish a v5 CONNACK's limits forbid, as a sentence; undefined when it may be sent. */
export function beyondLimits(message: PublishMessage, bytes: () => number, broker: BrokerCapabilities): UserFacingError | undefined {
  if (broker.maximumQos !== undefined && message.qos > broker.maximumQos) return publishBeyondLimitsError(message, 'qos', broker.maximumQos)
  if (broker.retainAvailable === false && message.retain) return publishBeyondLimitsError(message, 'retain', 0)
  if (broker.maximumPacketSize !== undefined && bytes() > broker.maximumPacketSize) return publishBeyondLimitsError(message, 'size', broker.maximumPacketSize)
  return undefined
}

/**
 * Publishes and keeps track of what the broker does with each message: acknowledged (at which QoS), refused,
 * never acknowledged (time-out), or answered by closing the connection. mqtt.js alone would retransmit such a
 * message on every reconnect and never call back.
 */
export class Publisher {
  private readonly outstanding = new Set<Outstanding>()
  /** QoS 1/2 publishes waiting for a free slot under the broker's Receive Maximum, oldest first. */
  private readonly queued: Array<{ start: () => void; fail: (error: UserFacingError) => void }> = []
  private ackCodes: AckReasonCodes | undefined

  constructor(private readonly timeoutMs: number) {}

  /**
   * Resolves on PUBACK/PUBCOMP (QoS 1/2) or once written (QoS 0); rejects with a sentence otherwise. QoS 1/2
   * publishes beyond the broker's Receive Maximum wait their turn (MQTT 5 §4.9: a broker answers more with
   * "quota exceeded"; mqtt.js sends them regardless), and their time-out starts when they are sent.
   */
  publish(client: MqttClient, message: PublishMessage, broker: BrokerCapabilities): Promise<PublishResult> {
    const v5 = broker.protocolVersion === 5
    const properties = v5 && message.properties ? toMqttPublishProperties(message.properties) : undefined
    const payload = asBuffer(message.payload)
    const refused = beyondLimits(message, () => publishPacketBytes(message.topic, payload, message.qos, properties), broker)
    if (refused) return Promise.reject(refused)
    if (message.qos === 0 || broker.receiveMaximum === undefined || this.outstanding.size + this.queued.length < broker.receiveMaximum) {
      return this.send(client, message, broker, properties, payload)
    }
    return new Promise<PublishResult>((resolve, reject) => this.queued.push({ start: () => void this.send(client, message, broker, properties, payload).then(resolve, reject), fail: reject }))
  }

  private send(client: MqttClient, message: PublishMessage, broker: BrokerCapabilities, properties: ReturnType<typeof toMqttPublishProperties> | undefined, payload: Buffer): Promise<PublishResult> {
    const v5 = broker.protocolVersion === 5
    // A 3.1.1 PUBACK carries no reason, but a PUBACK answering a QoS 2 publish still tells of a downgrade.
    const finish = message.qos > 0 && (v5 || message.qos === 2) ? this.requireAckCodes(client).begin() : undefined
    return new Promise<PublishResult>((resolve, reject) => {
      let done = false
      const entry: Outstanding = {
        summary: { topic: message.topic, qos: message.qos, retain: message.retain },
        messageId: undefined,
        sentOnThisConnection: false,
        closes: 0,
        fail: (error) => {
          if (end() === false) return
          // Stop mqtt.js retransmitting it; its callback then fires with "Message removed", ignored here.
          if (entry.messageId !== undefined) client.removeOutgoingMessage(entry.messageId)
          reject(error)
        }
      }
      const timer = message.qos > 0 ? setTimeout(() => entry.fail(publishTimeoutError(entry.summary, this.timeoutMs, client.connected)), this.timeoutMs) : undefined
      /** Ends the wait once: the ack it got, or false when it had already ended. */
      const end = (): Ack | undefined | false => {
        if (done) return false
        done = true
        clearTimeout(timer)
        this.untrack(client, entry)
        return finish?.(entry.messageId)
      }
      const callback = (error?: Error, packet?: { messageId?: number }): void => {
        if (done) return
        if (packet?.messageId !== undefined) entry.messageId = packet.messageId
        const ack = end()
        if (ack === false) return
        if (!error) resolve(message.qos === 2 && ack?.cmd === 'puback' ? { reasonCode: ack.reasonCode, downgradedTo: 1 } : { reasonCode: ack?.reasonCode ?? 0 })
        else if (typeof (error as { code?: unknown }).code === 'number') reject(publishRefusedError(message.topic, (error as unknown as { code: number }).code))
        else reject(new UserFacingError('not-connected', `The message to "${message.topic}" was not sent: ${error.message}. Try again once connected.`))
      }
      if (message.qos > 0) this.track(client, entry)
      // mqtt.js says which packet id it chose only in the final callback; the store put comes first, with the
      // packet in `client.outgoing` under our callback.
      const cbStorePut = (): void => {
        for (const [id, outgoing] of Object.entries(client.outgoing)) if (outgoing.cb === callback) entry.messageId = Number(id)
      }
      client.publish(message.topic, payload, { qos: message.qos, retain: message.retain, properties, cbStorePut }, callback)
    })
  }

  /**
   * The connection closed. A message that was written on two connections which both closed before its ack (sent,
   * closed, sent again on reconnect, closed again) is one the broker refuses by disconnecting; so is one a v5
   * DISCONNECT blames. They are dropped and rejected; the first sentence is returned for the connection's status.
   */
  connectionClosed(disconnectReason: number | undefined): UserFacingError | undefined {
    const sent = [...this.outstanding].filter((entry) => entry.sentOnThisConnection)
    for (const entry of sent) {
      entry.closes += 1
      entry.sentOnThisConnection = false
    }
    const blamed = disconnectReason !== undefined && blamesPublish(disconnectReason)
    const dropped = blamed ? blamedBy(disconnectReason, sent) : sent.filter((entry) => entry.closes >= CLOSES_BEFORE_DROPPING)
    const errors = dropped.map((entry) => {
      const error = publishKickedError(entry.summary, blamed ? disconnectReason : undefined)
      entry.fail(error)
      return error
    })
    return errors[0]
  }

  /** Rejects every outstanding and queued publish (the connection is being closed by the user). */
  cancelAll(error: UserFacingError): void {
    for (const waiting of this.queued.splice(0)) waiting.fail(error)
    for (const entry of [...this.outstanding]) entry.fail(error)
  }

  /** Watches written packets only while a QoS 1/2 publish is outstanding, so the hot path pays nothing otherwise. */
  private track(client: MqttClient, entry: Outstanding): void {
    if (this.outstanding.size === 0) client.on('packetsend', this.noteSent)
    this.outstanding.add(entry)
  }

  private untrack(client: MqttClient, entry: Outstanding): void {
    if (!this.outstanding.delete(entry)) return
    // The slot it held goes to the oldest queued publish, sent (and tracked) at once so no other takes it.
    const next = this.queued.shift()
    if (next) next.start()
    else if (this.outstanding.size === 0) client.off('packetsend', this.noteSent)
  }

  private readonly noteSent = (packet: Packet): void => {
    if (packet.cmd !== 'publish' || packet.qos === 0) return
    for (const entry of this.outstanding) if (entry.messageId === packet.messageId) entry.sentOnThisConnection = true
  }

  private requireAckCodes(client: MqttClient): AckReasonCodes {
    this.ackCodes ??= new AckReasonCodes(client)
    return this.ackCodes
  }
}

/** The outstanding messages a v5 DISCONNECT reason points at: retained ones for 0x9A, else the last one sent. */
function blamedBy(reasonCode: number, sent: Outstanding[]): Outstanding[] {
  if (reasonCode === 0x9a) return sent.filter((entry) => entry.summary.retain)
  if (reasonCode === 0x9b) {
    const highest = Math.max(...sent.map((entry) => entry.summary.qos))
    return sent.filter((entry) => entry.summary.qos === highest)
  }
  return sent.slice(-1)
}
