import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { forgetClientModel, getClientModel } from '../../model'
import { testDelta } from '../../test/deltas'
import { testRecord } from '../../test/records'
import { installTestMain } from '../../test/testMain'
import { useTopicHistory } from './useTopicHistory'

const ID = 'history-test'
const TOPIC = 'plant/line1/temp'

describe('a topic history', () => {
  beforeEach(() => {
    forgetClientModel(ID)
    const history = [testRecord(2, '21.6'), testRecord(1, '21.5')]
    installTestMain({ 'model:history': () => ({ messages: history, messageCount: history.length, oldestSeq: 1 }) })
    getClientModel(ID).apply(testDelta(ID, 1, [{ topic: TOPIC, payload: '21.6', messageCount: 2 }]))
  })
  afterEach(cleanup)

  it('is fetched from main, and forgotten once the topic is gone from the model', async () => {
    const { result } = renderHook(() => useTopicHistory(ID, TOPIC))
    await waitFor(() => expect(result.current.messages.map((m) => m.seq)).toEqual([2, 1]))
    act(() => getClientModel(ID).apply(testDelta(ID, 2, [{ topic: 'plant/line2/temp', payload: '19' }], [], true)))
    await waitFor(() => expect(result.current.messageCount).toBe(0))
    expect(result.current.messages).toEqual([])
  })
})
