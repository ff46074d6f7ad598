import { describe, expect, expectTypeOf, it } from 'vitest'
import { buildBridge, events, EVENT_NAMES, isEventName, isRequestName, REQUEST_NAMES, requests, type UnlistedEventName, type UnlistedRequestName } from './index'

describe('the name lists the preload is built from', () => {
  it('list every request and event of the contract, and nothing else', () => {
    expect([...REQUEST_NAMES].sort()).toEqual(Object.keys(requests).sort())
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort())
    expectTypeOf<UnlistedRequestName>().toBeNever()
    expectTypeOf<UnlistedEventName>().toBeNever()
  })

  it('give a bridge with one named function per request and event', async () => {
    const calls: string[] = []
    const bridge = buildBridge(
      async (name) => {
        calls.push(name)
        return { ok: true, value: null }
      },
      (name) => {
        calls.push(name)
        return () => undefined
      }
    )
    await bridge.api.model.history({ connectionId: 'c', topic: 't' })
    bridge.events.profile.notice(() => undefined)
    expect(calls).toEqual(['model:history', 'profile:notice'])
    expect(Object.keys(bridge.api).sort()).toEqual(['app', 'broker', 'connection', 'model', 'profile', 'recording', 'request', 'sequence', 'simulation'])
  })

  it('tell contract names from others', () => {
    expect(isRequestName('profile:list')).toBe(true)
    expect(isRequestName('toString')).toBe(false)
    expect(isEventName('model:delta')).toBe(true)
    expect(isEventName('model:history')).toBe(false)
  })
})
