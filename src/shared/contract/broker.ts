import { z } from 'zod'
import { defineEvent, defineRequest } from './define'

/** Where a device can reach the built-in broker: a URL per transport and interface. */
export interface BrokerAddress {
  url: string
  /** The network interface the address belongs to ('loopback' for 127.0.0.1 and ::1). */
  interfaceName: string
}

/** A device connected to the built-in broker. */
export interface BrokerClient {
  id: string
  /** The device's IP address and port as the broker sees them. */
  address: string
  transport: 'tcp' | 'ws'
  subscriptions: string[]
  /** Messages it published during the last second. */
  messagesPerSecond: number
  connectedAt: number
}

/** How the built-in broker stands; `running` false with null ports when it is stopped. */
export interface BrokerStatus {
  running: boolean
  host: string | null
  /** The address this app itself connects to ("Open a tab"): loopback when bound to every interface. */
  localHost: string | null
  tcpPort: number | null
  wsPort: number | null
  /** Whether clients must give the user name and password. */
  requiresLogin: boolean
  addresses: BrokerAddress[]
  clients: BrokerClient[]
  /** Messages published by all clients during the last second, and since the start. */
  messagesPerSecond: number
  messagesTotal: number
}

const PORT_RANGE = 'A port is 0 (any free port) to 65535.'
const portSchema = z.number({ error: PORT_RANGE }).int(PORT_RANGE).min(0, PORT_RANGE).max(65535, PORT_RANGE)

/** What the user chose for the built-in broker: ports (0 = any free one), the interface, an optional login. */
export const brokerStartSchema = z
  .object({
    tcpPort: portSchema,
    wsPort: portSchema.optional(),
    host: z.union([z.ipv4(), z.ipv6()], { error: 'The bind address is an IP address such as 127.0.0.1, or 0.0.0.0 for every interface.' }),
    username: z.string().min(1).max(200).optional(),
    password: z.string().max(200).optional()
  })
  .refine((start) => start.password === undefined || start.username !== undefined, { message: 'A password needs a user name.', path: ['username'] })

export type BrokerStart = z.output<typeof brokerStartSchema>

export const brokerRequests = {
  /** Starts the built-in broker; an error when it is already running or a port cannot be used. */
  'broker:start': defineRequest<BrokerStatus>()(brokerStartSchema),
  /** Stops the built-in broker, disconnecting its clients; nothing happens when it is not running. */
  'broker:stop': defineRequest<BrokerStatus>()(z.object({})),
  /** The built-in broker as of now. */
  'broker:status': defineRequest<BrokerStatus>()(z.object({}))
} as const

export const brokerEvents = {
  /** The built-in broker's status, once a second while it runs, and once when it starts or stops. */
  'broker:status': defineEvent<BrokerStatus>()
} as const
