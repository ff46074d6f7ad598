import { describe, expect, it } from 'vitest'
import { decodeRequest, decodeServerMessage, encodeFrame } from './codec'

describe('wire codec', () => {
  it('carries a request with raw bytes intact and leaves undefined fields absent', () => {
    const payload = new Uint8Array([0, 1, 127, 128, 255, 0])
    const frame = encodeFrame([0, 7, 'connection:publish', { connectionId: 'c', topic: 'a/b', payload, qos: 1, properties: undefined }])
    const decoded = decodeRequest(frame)
    expect(decoded?.[1]).toBe(7)
    expect(decoded?.[2]).toBe('connection:publish')
    const args = decoded?.[3] as Record<string, unknown>
    expect(args['payload']).toBeInstanceOf(Uint8Array)
    expect([...(args['payload'] as Uint8Array)]).toEqual([...payload])
    expect('properties' in args).toBe(false)
  })

  it('carries a delta\'s numbers as a Float64Array, exactly', () => {
    const numbers = new Float64Array([1, 1_700_000_000_123, 0.5, -2, Number.MAX_SAFE_INTEGER])
    const decoded = decodeServerMessage(encodeFrame([2, 'model:delta', { numbers, previews: new Uint8Array([7]) }]))
    const payload = decoded?.[2] as { numbers: unknown; previews: unknown }
    expect(payload.numbers).toBeInstanceOf(Float64Array)
    expect([...(payload.numbers as Float64Array)]).toEqual([...numbers])
    expect(payload.previews).toBeInstanceOf(Uint8Array)
  })

  it('refuses a Float64Array extension that does not hold whole doubles', () => {
    const frame = encodeFrame([2, 'model:delta', { numbers: new Float64Array([1]) }])
    // Shorten the extension's declared length and data by one byte: fixext 8 (0xd7) becomes ext 8 of 7 bytes.
    const at = frame.indexOf(0xd7)
    const broken = new Uint8Array([...frame.subarray(0, at), 0xc7, 7, 1, ...frame.subarray(at + 2, at + 9)])
    expect(decodeServerMessage(broken)).toBeUndefined()
  })

  it('tells replies from events', () => {
    expect(decodeServerMessage(encodeFrame([1, 3, { ok: true, value: null }]))).toEqual([1, 3, { ok: true, value: null }])
    expect(decodeServerMessage(encodeFrame([2, 'connection:status', { state: 'connected' }]))?.[0]).toBe(2)
  })

  it('refuses frames that are not messages of this protocol', () => {
    expect(decodeRequest(new Uint8Array([0xc1]))).toBeUndefined()
    expect(decodeRequest(encodeFrame([1, 3, { ok: true, value: null }]))).toBeUndefined()
    expect(decodeRequest(encodeFrame([0, 1.5, 'x', {}] as never))).toBeUndefined()
    expect(decodeServerMessage(encodeFrame([0, 1, 'x', {}]))).toBeUndefined()
    expect(decodeServerMessage(new Uint8Array([]))).toBeUndefined()
  })
})
