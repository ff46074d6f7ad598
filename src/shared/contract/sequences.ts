import { z } from 'zod'
import { connectionIdSchema, payloadFormatSchema, qosSchema } from './common'
import { defineEvent, defineRequest } from './define'

/** Steps one sequence holds. */
export const MAX_SEQUENCE_STEPS = 100
/** Sequences a profile keeps. */
export const MAX_SEQUENCES = 50
/** Rounds a "times N" run may ask for. */
export const MAX_SEQUENCE_ROUNDS = 10_000
/** The shortest time between the starts of two rounds of an "every T" run. */
export const MIN_SEQUENCE_EVERY_MS = 100
/** The longest wait before one step: an hour. */
export const MAX_STEP_DELAY_MS = 3_600_000
/** A step's payload text is kept in the profile, so it stays as small as a saved template's. */
const MAX_STEP_PAYLOAD_CHARS = 64 * 1024

/** One message of a sequence; topic and payload may hold {{variables}}, filled in for each message sent. */
export const sequenceStepSchema = z.object({
  topic: z.string().min(1, 'Give every step a topic.').max(65_535),
  payload: z.string().max(MAX_STEP_PAYLOAD_CHARS, `A step's payload is at most ${MAX_STEP_PAYLOAD_CHARS / 1024} KiB of text.`).default(''),
  qos: qosSchema.default(0),
  retain: z.boolean().default(false),
  /** How long to wait before this step, after the one before it (or after the round's start). */
  delayMs: z
    .number()
    .int('Type each delay as whole milliseconds.')
    .min(0, 'A delay cannot be negative.')
    .max(MAX_STEP_DELAY_MS, 'Keep each delay at most an hour (3,600,000 ms).')
    .default(0),
  /** Text and JSON are sent as typed; hex and base64 spell bytes (their variables are not filled in). */
  format: payloadFormatSchema.optional()
})
export type SequenceStep = z.infer<typeof sequenceStepSchema>

/** Once, N rounds one after the other, or a round every T ms (counted from the run's start) until stopped. */
export const sequenceModeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('once') }),
  z.object({
    kind: z.literal('times'),
    times: z
      .number()
      .int('Type how many times as a whole number.')
      .min(1, 'Run the sequence at least once.')
      .max(MAX_SEQUENCE_ROUNDS, `Run the sequence at most ${MAX_SEQUENCE_ROUNDS.toLocaleString('en')} times.`)
  }),
  z.object({
    kind: z.literal('every'),
    everyMs: z
      .number()
      .int('Type the interval as whole milliseconds.')
      .min(MIN_SEQUENCE_EVERY_MS, `Start rounds at least ${MIN_SEQUENCE_EVERY_MS} ms apart.`)
      .max(86_400_000, 'Start rounds at most a day apart.')
  })
])
export type SequenceMode = z.infer<typeof sequenceModeSchema>

export const sequenceSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().trim().min(1, 'Give the sequence a name.').max(200, 'Keep the sequence name under 200 characters.'),
  steps: z.array(sequenceStepSchema).min(1, 'A sequence needs at least one step.').max(MAX_SEQUENCE_STEPS, `A sequence holds at most ${MAX_SEQUENCE_STEPS} steps.`),
  /** The mode it was last run in, so it comes back chosen. */
  mode: sequenceModeSchema.default({ kind: 'once' })
})
export type Sequence = z.infer<typeof sequenceSchema>

/** A profile's sequences; profiles saved before sequences existed load with none. */
export const sequencesSchema = z.array(sequenceSchema).max(MAX_SEQUENCES, `A profile keeps at most ${MAX_SEQUENCES} sequences.`)

/** The milliseconds one round's delays add up to. */
export function roundDurationMs(steps: readonly Pick<SequenceStep, 'delayMs'>[]): number {
  return steps.reduce((total, step) => total + step.delayMs, 0)
}

/** Rounds of an "every T" run must not overlap: a sentence when one round takes longer than T, else null. */
export function sequenceTimingProblem(steps: readonly Pick<SequenceStep, 'delayMs'>[], mode: SequenceMode): string | null {
  const duration = roundDurationMs(steps)
  if (mode.kind !== 'every' || duration <= mode.everyMs) return null
  return `The steps' delays add up to ${duration.toLocaleString('en')} ms, longer than the ${mode.everyMs.toLocaleString('en')} ms between rounds. Start rounds further apart or shorten the delays.`
}

/** How a sequence run stands. */
export interface SequenceStatus {
  runId: string
  connectionId: string
  sequenceId: string
  sequenceName: string
  state: 'running' | 'stopped' | 'finished' | 'failed'
  /** The step sent last, from 1 (0 before the first). */
  step: number
  /** The round of that step, from 1 (0 before the first). */
  round: number
  /** Rounds in all: 1 once, N times, null every T (until stopped). */
  rounds: number | null
  /** Messages handed to the connection. */
  sent: number
  /** Of those, written (QoS 0) or acknowledged by the broker (QoS 1 and 2). */
  acknowledged: number
  /** Refused by the broker or not sent. */
  failed: number
  /** The last refusal or why the run stopped, as a sentence; null when there is none. */
  lastError: string | null
}

const runIdSchema = z.string().min(1).max(200)

export const sequenceRequests = {
  /**
   * Runs a sequence (sent whole, so an unsaved one runs too) on an open connection; each step waits its delay,
   * timed from the run's start so the delays do not add up errors. Replies with the run's first status.
   */
  'sequence:run': defineRequest<SequenceStatus>()(
    z
      .object({ connectionId: connectionIdSchema, sequence: sequenceSchema, mode: sequenceModeSchema })
      .superRefine((value, ctx) => {
        const problem = sequenceTimingProblem(value.sequence.steps, value.mode)
        if (problem) ctx.addIssue({ code: 'custom', path: ['mode'], message: problem })
      })
  ),
  /** Stops a run; messages already handed over still get their acknowledgements. */
  'sequence:stop': defineRequest<SequenceStatus>()(z.object({ runId: runIdSchema }))
} as const

export const sequenceEvents = {
  /** A run's counts, a few times a second while it runs, and once when it ends. */
  'sequence:status': defineEvent<SequenceStatus>()
} as const
