import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { REQUEST_HISTORY_BYTES_LIMIT, REQUEST_HISTORY_LIMIT, REQUEST_HISTORY_PAYLOAD_BYTES, profileSaveSchema } from '../../shared/contract'
import type { SettledRequest } from './requestHistory'
import { openProfiles, tempDataDir } from './testSupport'

let data: ReturnType<typeof tempDataDir>
beforeEach(() => (data = tempDataDir()))
afterEach(() => data.cleanup())

const enc = new TextEncoder()
function settled(topic: string, outcome: SettledRequest['outcome'] = { kind: 'timeout', timeoutMs: 500 }, payload: Uint8Array = enc.encode('ping')): SettledRequest {
  return { sentAt: 1_000, topic, payload, qos: 1, correlationData: Uint8Array.of(0xca, 0xfe), responseTopic: 'replies/x', outcome }
}
// mqtt.js gives correlation data as a Buffer: it must come back from the file as bytes.
const reply = (payload: Uint8Array): SettledRequest['outcome'] => ({ kind: 'reply', topic: 'replies/x', payload, properties: { correlationData: Buffer.from([0xca, 0xfe]) }, receivedAt: 1_012, roundTripMs: 12.5 })

function withProfiles(...names: string[]) {
  const services = openProfiles(data.dir)
  const ids = names.map((name) => services.profiles.save(profileSaveSchema.parse({ name, options: { protocol: 'mqtt', host: 'h', port: 1883 } })).id)
  return { ...services, ids }
}

describe('request history', () => {
  it('keeps each request with its reply, timeout or refusal, newest first, per profile, across a restart', () => {
    const { requests, library, ids: [a = '', b = ''] } = withProfiles('A', 'B')
    requests.add(a, settled('svc/echo', reply(enc.encode('pong'))))
    requests.add(a, settled('svc/silent'))
    requests.add(b, settled('svc/denied', { kind: 'refused', message: 'Not authorized.' }))
    const again = openProfiles(data.dir)
    const entries = again.library.requestsOf(a)
    expect(entries.map((e) => [e.topic, e.outcome.kind])).toEqual([['svc/silent', 'timeout'], ['svc/echo', 'reply']])
    expect(entries[1]).toMatchObject({ correlationData: 'cafe', responseTopic: 'replies/x', qos: 1, sentAt: 1_000, payload: enc.encode('ping'), payloadCut: false })
    expect(entries[1]?.outcome).toEqual({ kind: 'reply', topic: 'replies/x', payload: enc.encode('pong'), payloadCut: false, properties: { correlationData: Uint8Array.of(0xca, 0xfe) }, receivedAt: 1_012, roundTripMs: 12.5 })
    expect(again.library.requestsOf(b)[0]?.outcome).toEqual({ kind: 'refused', message: 'Not authorized.' })
    expect(library.clearRequests(a)).toEqual([])
    expect(openProfiles(data.dir).library.requestsOf(a)).toEqual([])
    expect(() => library.requestsOf('no-such-profile')).toThrow()
  })

  it(`keeps at most ${REQUEST_HISTORY_LIMIT} entries, cuts long payloads with a flag, and stays within the byte budget`, () => {
    const { requests, ids: [id = ''] } = withProfiles('A')
    for (let i = 0; i < REQUEST_HISTORY_LIMIT + 5; i++) requests.add(id, settled(`t/${i}`))
    const entries = requests.entries(id)
    expect(entries).toHaveLength(REQUEST_HISTORY_LIMIT)
    expect([entries[0]?.topic, entries.at(-1)?.topic]).toEqual([`t/${REQUEST_HISTORY_LIMIT + 4}`, 't/5'])

    const big = new Uint8Array(REQUEST_HISTORY_PAYLOAD_BYTES + 10).fill(7)
    const [top] = requests.add(id, settled('big', reply(big), big))
    expect([top?.payload.byteLength, top?.payloadCut]).toEqual([REQUEST_HISTORY_PAYLOAD_BYTES, true])
    expect(top?.outcome).toMatchObject({ payloadCut: true, payload: big.subarray(0, REQUEST_HISTORY_PAYLOAD_BYTES) })
    for (let i = 0; i < 10; i++) requests.add(id, settled(`big/${i}`, reply(big), big))
    const kept = requests.entries(id)
    const bytes = kept.reduce((sum, e) => sum + e.payload.byteLength + (e.outcome.kind === 'reply' ? e.outcome.payload.byteLength : 0), 0)
    expect(bytes).toBeLessThanOrEqual(REQUEST_HISTORY_BYTES_LIMIT)
    expect(kept.length).toBe(Math.floor(REQUEST_HISTORY_BYTES_LIMIT / (2 * REQUEST_HISTORY_PAYLOAD_BYTES)))
    expect(kept[0]?.topic).toBe('big/9')
  })

  it('sets a broken file aside with a sentence, and loses neither the profiles nor another profile’s history', () => {
    const { requests, ids: [a = '', b = ''] } = withProfiles('A', 'B')
    requests.add(a, settled('a/1'))
    requests.add(b, settled('b/1'))
    const dir = join(data.dir, 'requests')
    writeFileSync(join(dir, `${a}.json`), '{"entries": [ broken')
    writeFileSync(join(dir, `${a}.last-good.json`), 'also broken')
    const again = openProfiles(data.dir)
    expect(again.profiles.list().map((p) => p.name)).toEqual(['A', 'B'])
    expect(again.requests.entries(b).map((e) => e.topic)).toEqual(['b/1'])
    expect(again.requests.entries(a)).toEqual([])
    const messages = again.notices.list().map((n) => n.message)
    expect(messages).toContainEqual(expect.stringMatching(new RegExp(`^The saved request history file .*${a}\\.json could not be read \\(it is not valid JSON\\)\\. It was kept as .*corrupt.*, and the app started with no saved request history\\.$`)))
    expect(readdirSync(dir).filter((name) => name.includes('.corrupt-'))).toHaveLength(2)
    expect(again.requests.add(a, settled('a/2')).map((e) => e.topic)).toEqual(['a/2'])
  })

  it('deletes a profile’s history with the profile', () => {
    const { requests, library, ids: [a = ''] } = withProfiles('A')
    requests.add(a, settled('a/1'))
    const file = join(data.dir, 'requests', `${a}.json`)
    expect(existsSync(file)).toBe(true)
    library.delete(a)
    expect(existsSync(file)).toBe(false)
    expect(existsSync(join(data.dir, 'requests', `${a}.last-good.json`))).toBe(false)
    // A request still waiting when its profile went does not bring the file back.
    library.recordRequest(a, settled('a/late'))
    expect(existsSync(file)).toBe(false)
  })
})
