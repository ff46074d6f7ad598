import { describe, expect, it } from 'vitest'
import type { Sequence } from '@shared/contract'
import { draftOf, newSequenceDraft, sequenceOf, type SequenceDraft } from './sequenceDraft'

const saved: Sequence = {
  id: 's1',
  name: 'Boot',
  mode: { kind: 'every', everyMs: 500 },
  steps: [
    { topic: 'dev/on', payload: '{{counter}}', qos: 1, retain: false, delayMs: 0 },
    { topic: 'dev/raw', payload: '00ff', qos: 0, retain: true, delayMs: 250, format: 'hex' }
  ]
}

const problem = (draft: SequenceDraft): string | undefined => {
  const result = sequenceOf(draft)
  return 'problem' in result ? result.problem : undefined
}

describe('sequence editor drafts', () => {
  it('turn a saved sequence into a draft and back unchanged', () => {
    expect(sequenceOf(draftOf(saved))).toEqual({ sequence: saved })
    const times = { ...draftOf(saved), mode: 'times' as const, times: '3' }
    expect(sequenceOf(times)).toEqual({ sequence: { ...saved, mode: { kind: 'times', times: 3 } } })
  })

  it('say the first problem as a sentence, naming the step', () => {
    const draft = draftOf(saved)
    expect(problem({ ...newSequenceDraft(), name: 'X' })).toBe('Step 1: Give every step a topic.')
    expect(problem({ ...draft, name: ' ' })).toBe('Give the sequence a name.')
    expect(problem({ ...draft, steps: [draft.steps[0]!, { ...draft.steps[1]!, delay: 'soon' }] })).toBe('Step 2: type the delay as whole milliseconds (0 for none).')
    expect(problem({ ...draft, steps: [draft.steps[0]!, { ...draft.steps[1]!, delay: '-1' }] })).toBe('Step 2: A delay cannot be negative.')
    expect(problem({ ...draft, steps: [{ ...draft.steps[0]!, format: 'json', payload: '{"n":{{counter}}' }] })).toMatch(/^Step 1: The payload is not valid JSON \(.*\); fix it or switch the format to Text\.$/)
    expect(problem({ ...draft, steps: [{ ...draft.steps[0]!, format: 'json', payload: '{"n":{{counter}}}' }] })).toBeUndefined()
    expect(problem({ ...draft, mode: 'times', times: '' })).toBe('Type the number for the mode as a whole number.')
    expect(problem({ ...draft, mode: 'times', times: '20000' })).toBe('Run the sequence at most 10,000 times.')
    expect(problem({ ...draft, everyMs: '200' })).toBe("The steps' delays add up to 250 ms, longer than the 200 ms between rounds. Start rounds further apart or shorten the delays.")
  })
})
