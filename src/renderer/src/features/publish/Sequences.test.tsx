import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Sequence, SequenceStatus } from '@shared/contract'
import { EditorKindContext } from '../../components/code'
import { installTestMain, type TestMain } from '../../test/testMain'
import { memoryProfiles, sampleProfile } from '../../test/memoryProfiles'
import { initialProfilesState, useProfilesStore } from '../../stores/profiles'
import { initialPublishState, usePublishStore } from '../../stores/publish'
import { initialSequencesState, useSequencesStore } from '../../stores/sequences'
import { wireStoreEvents } from '../../stores/wireEvents'
import { PublishComposer } from '.'

const ID = 'seq-test'
const saved: Sequence = { id: 's1', name: 'Boot', mode: { kind: 'times', times: 3 }, steps: [{ topic: 'dev/on', payload: '1', qos: 1, retain: false, delayMs: 0 }, { topic: 'dev/ready', payload: 'yes', qos: 0, retain: true, delayMs: 200 }] }
const status = (change: Partial<SequenceStatus> = {}): SequenceStatus => ({ runId: 'r1', connectionId: ID, sequenceId: 's1', sequenceName: 'Boot', state: 'running', step: 0, round: 0, rounds: 3, sent: 0, acknowledged: 0, failed: 0, lastError: null, ...change })

describe('sequences in the composer', () => {
  let main: TestMain
  let profiles: ReturnType<typeof memoryProfiles>
  let unwire: () => void
  beforeEach(async () => {
    profiles = memoryProfiles([sampleProfile('p', 'P', { sequences: [saved] })])
    main = installTestMain({
      ...profiles.handlers,
      'connection:publish': () => ({ reasonCode: 0 }),
      'sequence:run': () => status(),
      'sequence:stop': () => status({ state: 'stopped', step: 1, round: 2, sent: 3, acknowledged: 3 })
    })
    unwire = wireStoreEvents()
    useProfilesStore.setState(initialProfilesState)
    useSequencesStore.setState(initialSequencesState)
    usePublishStore.setState(initialPublishState)
    await act(() => useProfilesStore.getState().load())
    await act(async () => {
      render(
        <EditorKindContext.Provider value="plain">
          <PublishComposer connectionId={ID} profileId="p" mqtt5={false} connected />
        </EditorKindContext.Provider>
      )
    })
  })
  afterEach(() => {
    unwire()
    cleanup()
  })

  const part = () => within(screen.getByText(/^Sequences/).closest('details') as HTMLElement)
  const type = (label: string, value: string) => fireEvent.change(part().getByLabelText(label), { target: { value } })
  const click = (name: string) => act(async () => fireEvent.click(part().getByRole('button', { name })))

  it('opens the first saved sequence, runs it inline with its mode, shows live counts, and stops it', async () => {
    expect((part().getByLabelText('Step 2 topic') as HTMLInputElement).value).toBe('dev/ready')
    type('Step 2 payload', 'now')
    await click('Run sequence')
    const run = main.calls.find((c) => c.name === 'sequence:run')?.args
    expect(run).toEqual({ connectionId: ID, mode: { kind: 'times', times: 3 }, sequence: { ...saved, steps: [saved.steps[0], { ...saved.steps[1], payload: 'now' }] } })
    act(() => main.emit('sequence:status', status({ step: 2, round: 1, sent: 2, acknowledged: 1 })))
    expect(part().getByRole('status', { name: 'Sequence run' }).textContent).toBe('Running "Boot": round 1 of 3, step 2; 2 sent, 1 acknowledged, 0 failed')
    await click('Stop sequence')
    expect(main.calls.find((c) => c.name === 'sequence:stop')?.args).toEqual({ runId: 'r1' })
    expect(part().getByRole('status', { name: 'Sequence run' }).textContent).toBe('Stopped "Boot": round 2 of 3, step 1; 3 sent, 3 acknowledged, 0 failed')
  })

  it('says what is wrong instead of running, and Enter in a step does not publish the composer', async () => {
    type('Run', 'every')
    type('Every (ms)', '150')
    await click('Run sequence')
    expect(part().getByRole('alert').textContent).toBe("The steps' delays add up to 200 ms, longer than the 150 ms between rounds. Start rounds further apart or shorten the delays.")
    expect(main.calls.some((c) => c.name === 'sequence:run')).toBe(false)
    // A message the composer could send, so a Ctrl+Enter leaking out of the part would publish it.
    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'composer/topic' } })
    await act(async () => {
      fireEvent.keyDown(part().getByLabelText('Step 1 topic'), { key: 'Enter' })
      fireEvent.keyDown(part().getByLabelText('Step 1 QoS'), { key: 'Enter', ctrlKey: true })
    })
    expect(main.calls.some((c) => c.name === 'connection:publish')).toBe(false)
  })

  it('writes a new sequence (steps added and moved), saves it in the profile, and deletes one', async () => {
    await click('New sequence')
    type('Sequence name', 'Shutdown')
    type('Step 1 topic', 'dev/last')
    await click('Add step')
    type('Step 2 topic', 'dev/first')
    type('Step 2 wait in milliseconds', '50')
    await click('Move step 2 up')
    await click('Save sequence')
    expect(part().getByRole('status').textContent).toBe('Saved sequence "Shutdown".')
    const kept = profiles.profiles()[0]!.sequences
    expect(kept.map((s) => s.name)).toEqual(['Boot', 'Shutdown'])
    expect(kept[1]!.steps.map((s) => [s.topic, s.delayMs])).toEqual([['dev/first', 50], ['dev/last', 0]])
    await click('Delete sequence')
    expect(profiles.profiles()[0]!.sequences.map((s) => s.name)).toEqual(['Boot'])
    expect((part().getByLabelText('Sequence name') as HTMLInputElement).value).toBe('Boot')
  })
})
