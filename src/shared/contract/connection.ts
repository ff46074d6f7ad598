import { z } from 'zod'
import {
  bytesSchema,
  connectionIdSchema,
  publishPropertiesSchema,
  qosSchema,
  topicFilterSchema,
  topicNameSchema,
  uint32Schema,
  type MessageProperties,
  type PublishProperties,
  type QoS
} from './common'
import type { AppError } from './errors'
import { defineEvent, defineRequest } from './define'

export const protocolSchema = z.enum(['mqtt', 'mqtts', 'ws', 'wss'])
export type BrokerProtocol = z.infer<typeof protocolSchema>

/** 3 = MQTT 3.1, 4 = MQTT 3.1.1, 5 = MQTT 5.0 (the numbers on the wire). */
export const protocolVersionSchema = z.union([z.literal(3), z.literal(4), z.literal(5)])
export type ProtocolVersion = z.infer<typeof protocolVersionSchema>

/** TLS settings; file fields are paths the user chose, read in main. */
export const tlsOptionsSchema = z.object({
  caFiles: z.array(z.string().min(1)).default([]),
  certFile: z.string().min(1).optional(),
  keyFile: z.string().min(1).optional(),
  keyPassphrase: z.string().optional(),
  rejectUnauthorized: z.boolean().default(true),
  servername: z.string().min(1).optional(),
  alpnProtocols: z.array(z.string().min(1)).default([]),
  /** Opt-in: write the TLS session keys to this file (SSLKEYLOGFILE format) so Wireshark can decrypt the traffic. */
  keyLogFile: z.string().min(1).optional()
})
export type TlsOptions = z.infer<typeof tlsOptionsSchema>

const PROXY_PORT = 'The proxy port must be between 1 and 65535.'

/** A proxy between this app and the broker: HTTP CONNECT or SOCKS5, optionally with a user name and password. */
export const proxyOptionsSchema = z.object({
  kind: z.enum(['http', 'socks5']),
  host: z.string().trim().min(1, 'Enter the proxy host name or address.'),
  port: z.number().int().min(1, PROXY_PORT).max(65535, PROXY_PORT),
  // SOCKS5 carries each in one length byte (RFC 1929), so 255 is the most either kind can take.
  username: z.string().min(1).max(255, 'Keep the proxy user name under 256 characters.').optional(),
  password: z.string().max(255, 'Keep the proxy password under 256 characters.').optional()
})
export type ProxyOptions = z.infer<typeof proxyOptionsSchema>
export type ProxyKind = ProxyOptions['kind']

export const lastWillSchema = z.object({
  topic: topicNameSchema,
  payload: bytesSchema,
  qos: qosSchema.default(0),
  retain: z.boolean().default(false),
  properties: publishPropertiesSchema.extend({ willDelayInterval: uint32Schema.optional() }).optional()
})
export type LastWill = z.infer<typeof lastWillSchema>

/** Everything needed to open one broker connection. */
export const connectionOptionsSchema = z.object({
  protocol: protocolSchema,
  host: z.string().trim().min(1, 'Enter the broker host name or address.'),
  port: z.number().int().min(1, 'The port must be between 1 and 65535.').max(65535, 'The port must be between 1 and 65535.'),
  /** WebSocket path, for ws:// and wss:// only. */
  path: z.string().default('/mqtt'),
  protocolVersion: protocolVersionSchema.default(4),
  /** Empty or missing: a random id is generated. */
  clientId: z.string().max(65535).optional(),
  clean: z.boolean().default(true),
  keepaliveSeconds: z.number().int().min(0).max(65535).default(60),
  /** MQTT 5 only: how long the broker keeps the session after disconnect. */
  sessionExpiryInterval: uint32Schema.optional(),
  connectTimeoutMs: z.number().int().min(100).max(600_000).default(10_000),
  /** 0 turns automatic reconnection off. */
  reconnectPeriodMs: z.number().int().min(0).max(600_000).default(5_000),
  username: z.string().optional(),
  password: z.string().optional(),
  tls: tlsOptionsSchema.optional(),
  will: lastWillSchema.optional(),
  /** Absent: connect to the broker directly. */
  proxy: proxyOptionsSchema.optional()
})
export type ConnectionOptions = z.infer<typeof connectionOptionsSchema>

/** One filter to subscribe to, with its QoS and MQTT 5 options. */
export const subscriptionSchema = z.object({
  filter: topicFilterSchema,
  qos: qosSchema.default(0),
  noLocal: z.boolean().optional(),
  retainAsPublished: z.boolean().optional(),
  retainHandling: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional()
})
export type Subscription = z.infer<typeof subscriptionSchema>

/** What the broker answered for one filter of a SUBSCRIBE. */
export interface SubscriptionResult {
  filter: string
  /** Granted QoS, or null when the broker refused the filter. */
  grantedQos: QoS | null
  reasonCode: number
  /** Set when refused: a sentence naming the filter and the reason. */
  error?: AppError
}

export const publishRequestSchema = z.object({
  connectionId: connectionIdSchema,
  topic: topicNameSchema,
  payload: bytesSchema,
  qos: qosSchema.default(0),
  retain: z.boolean().default(false),
  properties: publishPropertiesSchema.optional()
})

/** One message to publish, as the engine takes it: a publish request without its connection id. */
export interface PublishMessage {
  topic: string
  payload: Uint8Array
  qos: QoS
  retain: boolean
  properties?: PublishProperties
}

/** The broker's answer to a publish: QoS 0 resolves once written to the socket. */
export interface PublishResult {
  reasonCode: number
  /** Set when the broker acknowledged at a lower QoS than sent (a PUBACK for a QoS 2 publish): it does not support that QoS. */
  downgradedTo?: QoS
}

/** What the broker announced in its CONNACK, and the MQTT version this connection speaks. */
export interface BrokerCapabilities {
  protocolVersion: ProtocolVersion
  /** Highest QoS the broker accepts in a PUBLISH; undefined when the version cannot announce it (MQTT 3.1/3.1.1). */
  maximumQos?: QoS
  /** False when the broker keeps no retained messages; undefined when the version cannot announce it (MQTT 3.1/3.1.1). */
  retainAvailable?: boolean
  /** Largest packet the broker accepts, in bytes; undefined when it announced no limit. */
  maximumPacketSize?: number
  /** QoS 1/2 publishes the broker takes unacknowledged at once (Receive Maximum); undefined: no limit announced. */
  receiveMaximum?: number
}

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'disconnected' | 'error'

/** A connection's state change; `error` says why when the state is 'error' or a reconnect failed. */
export interface ConnectionStatus {
  connectionId: string
  /** The saved profile the connection was opened from; absent for one opened without a profile. */
  profileId?: string
  state: ConnectionState
  error?: AppError
  /** What the broker announced when it accepted the connection; set while connected. */
  broker?: BrokerCapabilities
  /** Milliseconds since the epoch. */
  at: number
}

/** One message as received, complete: raw bytes are kept so the view format can change afterwards. */
export interface ReceivedMessage {
  topic: string
  payload: Uint8Array
  qos: QoS
  retain: boolean
  dup: boolean
  properties?: MessageProperties
  /** Milliseconds since the epoch, taken when main received it. */
  receivedAt: number
}

export const connectionRequests = {
  /** Closes a connection and forgets it. */
  'connection:disconnect': defineRequest<{ connectionId: string }>()(z.object({ connectionId: connectionIdSchema })),
  /** Subscribes to several filters at once; refused filters are reported one by one. */
  'connection:subscribe': defineRequest<{ results: SubscriptionResult[] }>()(z.object({ connectionId: connectionIdSchema, subscriptions: z.array(subscriptionSchema).min(1) })),
  /** Unsubscribes from filters. */
  'connection:unsubscribe': defineRequest<{ filters: string[] }>()(z.object({ connectionId: connectionIdSchema, filters: z.array(topicFilterSchema).min(1) })),
  /** Publishes one message; resolves when acknowledged (QoS 1/2) or written (QoS 0). */
  'connection:publish': defineRequest<PublishResult>()(publishRequestSchema),
  /** The state of every connection main knows. */
  'connection:list': defineRequest<{ connections: ConnectionStatus[] }>()(z.object({}))
} as const

export const connectionEvents = {
  /** A connection changed state. */
  'connection:status': defineEvent<ConnectionStatus>()
} as const
