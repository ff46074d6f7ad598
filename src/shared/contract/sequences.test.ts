import { describe, expect, it } from 'vitest'
import { requests } from './index'
import { MAX_SEQUENCE_STEPS, MAX_SEQUENCES, sequenceSchema, sequencesSchema } from './sequences'

const step = { topic: 'a/b', payload: 'x', delayMs: 100 }
const sequence = (steps: unknown[] = [step]) => ({ id: 's', name: 'Boot', steps })
const run = requests['sequence:run'].args

function problem(result: { success: boolean; error?: { issues: { message: string }[] } }): string | undefined {
  return result.success ? undefined : result.error?.issues[0]?.message
}

describe('sequence contract', () => {
  it('fills defaults: QoS 0, no retain, no delay, run once', () => {
    expect(sequenceSchema.parse(sequence([{ topic: 't' }]))).toEqual({ id: 's', name: 'Boot', mode: { kind: 'once' }, steps: [{ topic: 't', payload: '', qos: 0, retain: false, delayMs: 0 }] })
  })

  it(`holds 1 to ${MAX_SEQUENCE_STEPS} steps, and a profile at most ${MAX_SEQUENCES} sequences`, () => {
    expect(problem(sequenceSchema.safeParse(sequence([])))).toBe('A sequence needs at least one step.')
    expect(sequenceSchema.safeParse(sequence(Array(MAX_SEQUENCE_STEPS).fill(step))).success).toBe(true)
    expect(problem(sequenceSchema.safeParse(sequence(Array(MAX_SEQUENCE_STEPS + 1).fill(step))))).toBe('A sequence holds at most 100 steps.')
    expect(sequencesSchema.safeParse(Array(MAX_SEQUENCES).fill(sequence())).success).toBe(true)
    expect(problem(sequencesSchema.safeParse(Array(MAX_SEQUENCES + 1).fill(sequence())))).toBe('A profile keeps at most 50 sequences.')
    expect(problem(sequenceSchema.safeParse(sequence([{ topic: '' }])))).toBe('Give every step a topic.')
    expect(problem(sequenceSchema.safeParse(sequence([{ topic: 't', delayMs: 1.5 }])))).toBe('Type each delay as whole milliseconds.')
  })

  it('runs once, 1 to 10,000 times, or every 100 ms or more', () => {
    const args = (mode: unknown) => run.safeParse({ connectionId: 'c', sequence: sequence(), mode })
    expect(args({ kind: 'once' }).success).toBe(true)
    expect(args({ kind: 'times', times: 10_000 }).success).toBe(true)
    expect(problem(args({ kind: 'times', times: 0 }))).toBe('Run the sequence at least once.')
    expect(problem(args({ kind: 'times', times: 10_001 }))).toBe('Run the sequence at most 10,000 times.')
    expect(args({ kind: 'every', everyMs: 100 }).success).toBe(true)
    expect(problem(args({ kind: 'every', everyMs: 99 }))).toBe('Start rounds at least 100 ms apart.')
  })

  it('refuses an "every" run whose rounds would overlap', () => {
    const steps = [step, { ...step, delayMs: 200 }]
    expect(run.safeParse({ connectionId: 'c', sequence: sequence(steps), mode: { kind: 'every', everyMs: 300 } }).success).toBe(true)
    expect(problem(run.safeParse({ connectionId: 'c', sequence: sequence(steps), mode: { kind: 'every', everyMs: 299 } }))).toBe(
      "The steps' delays add up to 300 ms, longer than the 299 ms between rounds. Start rounds further apart or shorten the delays."
    )
  })
})
