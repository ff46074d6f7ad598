import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_SAVED_PAYLOAD_BYTES, PUBLISH_HISTORY_BYTES_LIMIT, PUBLISH_HISTORY_LIMIT, profileSaveSchema, publishDraftSchema } from '../../shared/contract'
import { openProfiles, tempDataDir } from './testSupport'

let data: ReturnType<typeof tempDataDir>
beforeEach(() => (data = tempDataDir()))
afterEach(() => data.cleanup())

const draft = (topic: string, payload: Uint8Array | string = 'x') =>
  publishDraftSchema.parse({ topic, payload: typeof payload === 'string' ? new TextEncoder().encode(payload) : payload, qos: 1 })

function withProfile() {
  const services = openProfiles(data.dir)
  const { id } = services.profiles.save(profileSaveSchema.parse({ name: 'P', options: { protocol: 'mqtt', host: 'h', port: 1883 } }))
  return { ...services, id }
}

describe('publish history', () => {
  it('keeps the newest first, moves a repeated message to the top, and survives a restart', () => {
    const { history, id } = withProfile()
    history.add(id, draft('a'))
    history.add(id, draft('b'))
    const entries = history.add(id, draft('a'))
    expect(entries.map((e) => e.topic)).toEqual(['a', 'b'])
    expect(history.add(id, draft('a', 'other')).map((e) => e.topic)).toEqual(['a', 'a', 'b'])
    expect(openProfiles(data.dir).history.entries(id)).toEqual(history.entries(id))
    expect(history.entries(id)[0]?.payload).toEqual(new TextEncoder().encode('other'))
  })

  it(`keeps at most ${PUBLISH_HISTORY_LIMIT} entries per profile`, () => {
    const { history, id } = withProfile()
    for (let i = 0; i < PUBLISH_HISTORY_LIMIT + 20; i++) history.add(id, draft(`t/${i}`))
    const entries = history.entries(id)
    expect(entries).toHaveLength(PUBLISH_HISTORY_LIMIT)
    expect(entries[0]?.topic).toBe(`t/${PUBLISH_HISTORY_LIMIT + 19}`)
    expect(entries.at(-1)?.topic).toBe('t/20')
    expect(history.entries('other-profile')).toEqual([])
  })

  it('keeps the payload bytes per profile within the byte budget', () => {
    const { history, id } = withProfile()
    const big = new Uint8Array(MAX_SAVED_PAYLOAD_BYTES).fill(65)
    for (let i = 0; i < 40; i++) history.add(id, draft(`big/${i}`, big))
    const entries = history.entries(id)
    expect(entries).toHaveLength(Math.floor(PUBLISH_HISTORY_BYTES_LIMIT / MAX_SAVED_PAYLOAD_BYTES))
    expect(entries.reduce((sum, e) => sum + e.payload.byteLength, 0)).toBeLessThanOrEqual(PUBLISH_HISTORY_BYTES_LIMIT)
  })

  it('refuses to keep a payload over the saved-payload limit, in a sentence', () => {
    const result = publishDraftSchema.safeParse({ topic: 't', payload: new Uint8Array(MAX_SAVED_PAYLOAD_BYTES + 1) })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toBe('Payloads over 64 KiB are not saved in publish history or templates.')
  })

  it('clears, and forgets a deleted profile', () => {
    const { history, profiles, id } = withProfile()
    history.add(id, draft('a'))
    expect(history.clear(id)).toEqual([])
    history.add(id, draft('b'))
    profiles.delete(id)
    history.forget(id)
    expect(openProfiles(data.dir).history.entries(id)).toEqual([])
  })
})
