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
