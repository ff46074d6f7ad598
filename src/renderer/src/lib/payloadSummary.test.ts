import { describe, expect, it } from 'vitest'
import type { MessageRecord } from '@shared/contract'
import { encodePayload } from '@shared/decoders/sparkplug/test/edgeNode'
import { imageFixtures } from '@shared/decoders/test/imageFixtures'
import { payloadSummary } from './payloadSummary'

function record(payload: Uint8Array, size = payload.length): MessageRecord {
  return { seq: 1, receivedAt: 1, qos: 0, retain: false, dup: false, size, payload, truncated: size > payload.length, large: false, payloadEvicted: false }
}

const NBIRTH = 'spBv1.0/P/NBIRTH/L'
const DDATA = 'spBv1.0/P/DDATA/L/Press'
const DBIRTH = 'spBv1.0/P/DBIRTH/L/Press'

describe('payload summaries', () => {
  it('names and types alias-only Sparkplug data from the births the page holds, and follows a rebirth', () => {
    const births = new Map<string, MessageRecord>([
      [NBIRTH, record(encodePayload({ seq: 0, metrics: [{ name: 'bdSeq', datatype: 'UInt64', longValue: 0 }] }))],
      [DBIRTH, record(encodePayload({ seq: 1, metrics: [{ name: 'Offset', alias: 1, datatype: 'Int32', intValue: 0 }] }))]
    ])
    const data = record(encodePayload({ seq: 2, metrics: [{ alias: 1, intValue: -12 >>> 0 }] }))
    const latest = (topic: string): MessageRecord | undefined => births.get(topic)
    expect(payloadSummary(DDATA, data, latest)).toBe('DDATA seq 2 · 1 metric: Offset=-12')
    births.set(DBIRTH, record(encodePayload({ seq: 1, metrics: [{ name: 'Torque', alias: 1, datatype: 'Int32', intValue: 0 }] })))
    expect(payloadSummary(DDATA, data, latest)).toBe('DDATA seq 2 · 1 metric: Torque=-12')
    expect(payloadSummary(DDATA, data, () => undefined)).toMatch(/^DDATA seq 2 · no birth seen · 1 metric: alias 1=/)
    // Without the page's births (an old message in the history list) only what the message itself says.
    expect(payloadSummary(DDATA, record(encodePayload({ seq: 7, metrics: [{ alias: 1, intValue: 3 }, { alias: 2, intValue: 4 }] })))).toBe('DDATA seq 7 · 2 metrics')
  })

  it('says a cut Sparkplug payload decodes when selected, and shows pictures by kind and size', () => {
    const cut = record(new Uint8Array(16), 9000)
    expect(payloadSummary(DDATA, cut, () => undefined)).toBe('Sparkplug B, 8.8 KB (select it to decode the whole payload)')
    const webp = Uint8Array.from(atob(imageFixtures['sensor.webp']), (c) => c.charCodeAt(0))
    expect(payloadSummary('cam/door', record(webp), () => undefined)).toMatch(/^WEBP image 37×21, \d+ B$/)
    expect(payloadSummary('plain', record(new TextEncoder().encode('{"a": 1}')), () => undefined)).toBe('{"a": 1}')
  })
})
