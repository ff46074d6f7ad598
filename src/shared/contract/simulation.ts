import { z } from 'zod'
import { connectionIdSchema, qosSchema } from './common'
import { defineEvent, defineRequest } from './define'

/** How a device simulation stands. */
export interface SimulationStatus {
  simulationId: string
  connectionId: string
  state: 'running' | 'stopped' | 'finished' | 'failed'
  ratePerSecond: number
  sent: number
  acknowledged: number
  refused: number
  /** The last refusal or the reason it stopped, as a sentence; null when there is none. */
  lastError: string | null
}

const simulationIdSchema = z.string().min(1).max(200)

export const simulationRequests = {
  /**
   * Publishes a message template at a steady rate until stopped (or `count` messages): its {{variables}} are
   * filled in anew for each message ({{counter}} counts from 1; {{ask}} has no one to answer, so it is refused).
   */
  'simulation:start': defineRequest<SimulationStatus>()(
    z.object({
      simulationId: simulationIdSchema,
      connectionId: connectionIdSchema,
      topic: z.string().min(1).max(65_535),
      payload: z.string().max(1024 * 1024, 'A simulated payload is at most 1 MiB of text.'),
      qos: qosSchema.default(0),
      retain: z.boolean().default(false),
      ratePerSecond: z.number().min(0.1, 'Pick a rate of at least 0.1 messages per second.').max(10_000, 'Pick a rate of at most 10,000 messages per second.'),
      count: z.number().int().min(1).max(100_000_000).optional()
    })
  ),
  'simulation:stop': defineRequest<SimulationStatus>()(z.object({ simulationId: simulationIdSchema }))
} as const

export const simulationEvents = {
  /** A simulation's counts, a few times a second while it runs, and once when it ends. */
  'simulation:status': defineEvent<SimulationStatus>()
} as const
