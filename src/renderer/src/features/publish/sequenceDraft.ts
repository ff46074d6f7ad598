import { sequenceModeSchema, sequenceSchema, sequenceTimingProblem, type PayloadFormat, type QoS, type Sequence, type SequenceMode } from '@shared/contract'
import { expandVariables } from '@shared/templates/variables'
import { jsonProblem } from '../../lib/payloadView'

/** A step as the editor holds it: the delay as typed. */
export interface StepDraft {
  topic: string
  payload: string
  qos: QoS
  retain: boolean
  delay: string
  format?: PayloadFormat | undefined
}

/** A sequence as the editor holds it: numbers as typed, checked when saved or run. */
export interface SequenceDraft {
  id: string
  name: string
  steps: StepDraft[]
  mode: SequenceMode['kind']
  times: string
  everyMs: string
}

export const emptyStep: StepDraft = { topic: '', payload: '', qos: 0, retain: false, delay: '0' }

export function newSequenceDraft(): SequenceDraft {
  return { id: crypto.randomUUID(), name: '', steps: [{ ...emptyStep }], mode: 'once', times: '10', everyMs: '1000' }
}

export function draftOf(sequence: Sequence): SequenceDraft {
  const { mode } = sequence
  return {
    id: sequence.id,
    name: sequence.name,
    steps: sequence.steps.map(({ delayMs, ...step }) => ({ ...step, delay: String(delayMs) })),
    mode: mode.kind,
    times: mode.kind === 'times' ? String(mode.times) : '10',
    everyMs: mode.kind === 'every' ? String(mode.everyMs) : '1000'
  }
}

/** A typed number; anything else is NaN, which the contract's schema reports. */
function typedNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text)
}

/** The draft checked against the contract: the sequence to save or run, or the first problem as a sentence. */
export function sequenceOf(draft: SequenceDraft): { sequence: Sequence } | { problem: string } {
  const badDelay = draft.steps.findIndex((step) => !Number.isInteger(typedNumber(step.delay)))
  if (badDelay >= 0) return { problem: `Step ${badDelay + 1}: type the delay as whole milliseconds (0 for none).` }
  const modeInput = draft.mode === 'once' ? { kind: 'once' } : draft.mode === 'times' ? { kind: 'times', times: typedNumber(draft.times) } : { kind: 'every', everyMs: typedNumber(draft.everyMs) }
  const mode = sequenceModeSchema.safeParse(modeInput)
  if (!mode.success) return { problem: Number.isNaN(typedNumber(draft.mode === 'times' ? draft.times : draft.everyMs)) ? 'Type the number for the mode as a whole number.' : (mode.error.issues[0]?.message ?? 'Choose how to run the sequence.') }
  const steps = draft.steps.map(({ delay, ...step }) => ({ ...step, delayMs: typedNumber(delay) }))
  const parsed = sequenceSchema.safeParse({ id: draft.id, name: draft.name, steps, mode: mode.data })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const step = issue?.path[0] === 'steps' && typeof issue.path[1] === 'number' ? `Step ${issue.path[1] + 1}: ` : ''
    return { problem: `${step}${issue?.message ?? 'The sequence is not valid.'}` }
  }
  const badJson = parsed.data.steps.findIndex((step) => jsonStepProblem(step.format, step.payload) !== null)
  if (badJson >= 0) return { problem: `Step ${badJson + 1}: ${jsonStepProblem(parsed.data.steps[badJson]!.format, parsed.data.steps[badJson]!.payload)}` }
  const timing = sequenceTimingProblem(parsed.data.steps, parsed.data.mode)
  return timing ? { problem: timing } : { sequence: parsed.data }
}

/** A JSON step is checked as the composer checks its payload: with its variables filled in as a first send would. */
function jsonStepProblem(format: PayloadFormat | undefined, payload: string): string | null {
  if (format !== 'json' || payload.trim() === '') return null
  const sample = expandVariables(payload, { now: new Date(), counter: 1, random: Math.random, uuid: () => crypto.randomUUID(), answers: {} })
  return 'error' in sample ? null : jsonProblem(sample.text)
}
