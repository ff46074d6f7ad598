import { describe, expect, it } from 'vitest'
import { DeltaFlag } from './model'
import { recordFlags } from './recordFlags'

describe('recordFlags', () => {
  it('reads qos, retain, dup, large and evicted from the bits, and nothing from the others', () => {
    expect(recordFlags(2 | DeltaFlag.retain | DeltaFlag.large)).toEqual({ qos: 2, retain: true, dup: false, large: true, payloadEvicted: false })
    expect(recordFlags(1 | DeltaFlag.dup | DeltaFlag.payloadEvicted | DeltaFlag.truncated | DeltaFlag.retainedTopic)).toEqual({
      qos: 1, retain: false, dup: true, large: false, payloadEvicted: true
    })
  })
})
