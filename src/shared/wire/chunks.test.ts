import { Encoder } from '@msgpack/msgpack'
import { describe, expect, it } from 'vitest'
import { ChunkAssembler, splitFrame } from './chunks'

const limits = { maxTotalBytes: 1000, maxTransfers: 2 }
const chunk = (id: number, index: number, count: number, bytes: Uint8Array) => new Encoder().encode([3, id, index, count, bytes])

describe('chunks', () => {
  it('passes a small frame through unchanged', () => {
    const frame = new Uint8Array([0x94, 0, 1, 2, 3])
    expect(splitFrame(frame, 1, 16)).toEqual([frame])
    expect(new ChunkAssembler(limits).accept(frame)).toEqual({ kind: 'frame', frame })
  })

  it('splits and joins a frame back to identical bytes', () => {
    const frame = Uint8Array.from({ length: 100 }, (_, i) => (i * 7) % 256)
    const parts = splitFrame(frame, 5, 16)
    expect(parts).toHaveLength(7)
    const assembler = new ChunkAssembler(limits)
    const outcomes = parts.map((part) => assembler.accept(part))
    expect(outcomes.slice(0, 6).every((o) => o.kind === 'pending')).toBe(true)
    expect(outcomes[6]).toEqual({ kind: 'frame', frame })
  })

  it('refuses a wrong index, a count too large, a total over the limit and too many transfers', () => {
    const bytes = new Uint8Array(100)
    expect(new ChunkAssembler(limits).accept(chunk(1, 1, 3, bytes)).kind).toBe('refused')
    expect(new ChunkAssembler(limits).accept(chunk(1, 0, 1_000_000, bytes)).kind).toBe('refused')
    const over = new ChunkAssembler(limits)
    const outcomes = Array.from({ length: 10 }, (_, i) => over.accept(chunk(1, i, 10, new Uint8Array(i === 9 ? 200 : 100))))
    expect(outcomes[9]?.kind).toBe('refused')
    const many = new ChunkAssembler(limits)
    expect(many.accept(chunk(1, 0, 2, bytes)).kind).toBe('pending')
    expect(many.accept(chunk(2, 0, 2, bytes)).kind).toBe('pending')
    expect(many.accept(chunk(3, 0, 2, bytes)).kind).toBe('refused')
    many.clear()
    expect(many.accept(chunk(3, 0, 2, bytes)).kind).toBe('pending')
  })
})
