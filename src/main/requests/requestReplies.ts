import { utf8Encode } from '../../shared/bytes'
import { randomBytes } from 'node:crypto'
import { UserFacingError, type PublishProperties, type QoS, type ReceivedMessage, type RequestReply } from '../../shared/contract'
import { compileTopicFilter } from '../../shared/topics'
import type { ConnectionManager } from '../mqtt/connectionManager'
import type { SettledRequest } from '../profiles'

export interface ReplyRequest {
  connectionId: string
  topic: string
  payload: Uint8Array
  qos: QoS
  retain: boolean
  properties?: PublishProperties | undefined
  timeoutMs: number
}

interface Waiting {
  sentAt: number
  responseTopic: string
  resolve(reply: RequestReply['reply'], at: number): void
}

/** No reply within the timeout: kept apart from refusals in the history. */
class NoReply extends UserFacingError {}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')

/**
 * MQTT 5 request/response: each request waits for the message whose correlation data matches its own. The
 * receive path asks `ingest` about every message; with no request waiting on that connection it returns at once.
 */
export class RequestReplies {
  private readonly waiting = new Map<string, Waiting>()
  /** Response topics this service subscribed to, per connection (subscribed once, kept while connected). */
  private readonly subscribed = new Map<string, Set<string>>()

  constructor(
    private readonly connections: ConnectionManager,
    /** The filters a connection is subscribed to by its profile, so a covered response topic needs no new subscription. */
    private readonly filtersOf: (connectionId: string) => readonly string[],
    /** Hears of every request once it has ended (reply, timeout or refusal), for the profile's request history. */
    private readonly settled?: (connectionId: string, request: SettledRequest) => void
  ) {}

  /** Receive path: pairs a reply on its response topic with its waiting request by correlation data. */
  ingest(connectionId: string, message: ReceivedMessage): void {
    if (this.waiting.size === 0) return
    const data = message.properties?.correlationData
    if (!data) return
    const waiting = this.waiting.get(`${connectionId} ${hex(data)}`)
    // The request itself carries the same correlation data: a subscription covering its topic (e.g. "#") delivers it too.
    if (!waiting || message.topic !== waiting.responseTopic) return
    const payload = Uint8Array.from(message.payload)
    waiting.resolve({ topic: message.topic, payload, ...(message.properties ? { properties: message.properties } : {}), receivedAt: message.receivedAt }, performance.now())
  }

  async send(request: ReplyRequest): Promise<RequestReply> {
    const responseTopic = request.properties?.responseTopic ?? `brokerscope/replies/${randomBytes(6).toString('hex')}`
    const correlationData = request.properties?.correlationData ?? utf8Encode(randomBytes(8).toString('hex'))
    const sent = { sentAt: Date.now(), topic: request.topic, payload: request.payload, qos: request.qos, correlationData, responseTopic }
    try {
      const result = await this.exchange(request, responseTopic, correlationData)
      this.settled?.(request.connectionId, { ...sent, outcome: { kind: 'reply', ...result.reply, roundTripMs: result.roundTripMs } })
      return result
    } catch (error) {
      const outcome: SettledRequest['outcome'] =
        error instanceof NoReply ? { kind: 'timeout', timeoutMs: request.timeoutMs } : { kind: 'refused', message: error instanceof Error ? error.message : String(error) }
      this.settled?.(request.connectionId, { ...sent, outcome })
      throw error
    }
  }

  private async exchange(request: ReplyRequest, responseTopic: string, correlationData: NonNullable<PublishProperties['correlationData']>): Promise<RequestReply> {
    const status = this.connections.list().find((c) => c.connectionId === request.connectionId)
    if (status?.broker && status.broker.protocolVersion !== 5) {
      throw new UserFacingError('unsupported', 'Request and response needs MQTT 5.0 (response topic and correlation data are MQTT 5 properties). Switch the profile to MQTT 5.0 and connect again.')
    }
    await this.ensureSubscribed(request.connectionId, responseTopic)
    const key = `${request.connectionId} ${hex(correlationData)}`
    if (this.waiting.has(key)) throw new UserFacingError('already-exists', 'A request with this correlation data is still waiting for its reply. Use other correlation data, or leave it empty.')
    let settle!: (reply: RequestReply['reply'], at: number) => void
    const replied = new Promise<{ reply: RequestReply['reply']; at: number }>((resolve) => (settle = (reply, at) => resolve({ reply, at })))
    const waiting: Waiting = { sentAt: performance.now(), responseTopic, resolve: (reply, at) => settle(reply, at) }
    this.waiting.set(key, waiting)
    let timer: NodeJS.Timeout | undefined
    try {
      await this.connections.publish(request.connectionId, { topic: request.topic, payload: request.payload, qos: request.qos, retain: request.retain, properties: { ...request.properties, responseTopic, correlationData } })
      waiting.sentAt = performance.now()
      const timedOut = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new NoReply('publish-timeout', `No reply came on "${responseTopic}" within ${(request.timeoutMs / 1000).toLocaleString('en-US')} s. Check that a responder listens on "${request.topic}" and answers with the response topic and correlation data it was given.`)),
          request.timeoutMs
        )
      })
      const { reply, at } = await Promise.race([replied, timedOut])
      return { responseTopic, correlationData, reply, roundTripMs: Math.round((at - waiting.sentAt) * 10) / 10 }
    } finally {
      clearTimeout(timer)
      this.waiting.delete(key)
    }
  }

  /** Forgets a closed connection's subscriptions (a new connection starts without them). */
  forget(connectionId: string): void {
    this.subscribed.delete(connectionId)
  }

  private async ensureSubscribed(connectionId: string, topic: string): Promise<void> {
    const mine = this.subscribed.get(connectionId) ?? new Set<string>()
    if (mine.has(topic) || this.filtersOf(connectionId).some((filter) => compileTopicFilter(filter)(topic))) return
    const [result] = await this.connections.subscribe(connectionId, [{ filter: topic, qos: 1 }])
    if (result?.error) throw new UserFacingError('subscription-refused', `${result.error.message} The reply to a request comes on its response topic, so pick one the broker lets you subscribe to.`)
    mine.add(topic)
    this.subscribed.set(connectionId, mine)
  }
}
