import { mkdtempSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RECORDING_FORMAT, RecordingFile, type RecordedMessage, type RecordingMeta } from './recordingFile'
import { RecordingService } from './recordingService'
import { exportRecording } from './recordingTransfer'

let dir: string
let service: RecordingService
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'recording-transfer-'))
  service = new RecordingService({ dir, emit: () => {}, describe: () => null })
})
afterEach(() => {
  service.dispose()
  rmSync(dir, { recursive: true, force: true })
})

const meta: RecordingMeta = {
  format: RECORDING_FORMAT,
  name: 'Press, line 4',
  connectionId: 'c1',
  profile: { name: 'Plain' },
  filters: ['line4/#'],
  startedAt: Date.UTC(2026, 11, 3, 10, 0, 0),
  stoppedAt: Date.UTC(2026, 11, 3, 10, 1, 0),
  received: 2_501,
  written: 2_500,
  notWritten: 1,
  notWrittenReason: 'The disk did not keep up.'
}

function message(i: number): RecordedMessage {
  const m: RecordedMessage = {
    topic: `line4/press/${i % 7}`,
    payload: i % 2 ? new TextEncoder().encode(`{"n":${i},"s":"a,b \\"q\\""}`) : Uint8Array.from({ length: i % 50 }, (_, j) => (i + j * 31) & 0xff),
    qos: (i % 3) as 0 | 1 | 2,
    retain: i % 5 === 0,
    dup: i % 11 === 0,
    receivedAtMicros: meta.startedAt * 1000 + i * 1_001
  }
  if (i % 3 === 1) m.properties = { correlationData: Uint8Array.of(i & 0xff, 0, 0xff), userProperties: [['n', String(i)], ['n', 'again']], contentType: 'text/json', messageExpiryInterval: i, subscriptionIdentifiers: [3] }
  return m
}

/** A recording file in the service's folder, as the recorder would have left it. */
function recorded(id: string, messages: RecordedMessage[]): void {
  const file = RecordingFile.create(join(dir, `${id}.bsrec`), { ...meta, received: messages.length + 1, written: messages.length })
  file.append(messages)
  file.close()
}

function messagesOf(id: string): RecordedMessage[] {
  const file = RecordingFile.open(join(dir, `${id}.bsrec`))
  try {
    return [...file.messages()]
  } finally {
    file.close()
  }
}

const hex = (bytes: Uint8Array | undefined): string | undefined => (bytes ? Buffer.from(bytes).toString('hex') : undefined)
/** Bytes as hex: what SQLite and MessagePack read back are Buffers, which toEqual tells apart from Uint8Arrays. */
const comparable = (m: RecordedMessage): unknown => ({ ...m, payload: hex(m.payload), properties: m.properties && { ...m.properties, correlationData: hex(m.properties.correlationData) } })
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)
const lines = (bytes: Uint8Array): string[] => text(bytes).trimEnd().split('\n')

describe('exporting and importing recordings', async () => {
  const sent = Array.from({ length: 2_500 }, (_, i) => message(i))

  it('exports JSON Lines that import back as a new recording with every message, byte, flag and property', async () => {
    recorded('orig', sent)
    const exported = await service.exportFile('orig', 'jsonl')
    expect(exported.fileName).toBe('orig.jsonl')
    expect(lines(exported.bytes)).toHaveLength(2_501)

    const imported = await service.importFile(exported.bytes)
    expect(imported).toMatchObject({ name: 'Press, line 4', connectionId: 'c1', startedAt: meta.startedAt, stoppedAt: meta.stoppedAt, received: 2_501, written: 2_500, notWritten: 1, notWrittenReason: 'The disk did not keep up.', filters: ['line4/#'], active: false, problem: null })
    expect(imported.id).not.toBe('orig')
    expect(messagesOf(imported.id).map(comparable)).toEqual(sent.map(comparable))
    const file = RecordingFile.open(join(dir, `${imported.id}.bsrec`))
    expect(file.meta()).toEqual(meta)
    file.close()
    // Exporting the import gives the same file again.
    expect(text((await service.exportFile(imported.id, 'jsonl')).bytes)).toBe(text(exported.bytes))
  })

  it('names an import as asked and keeps both when the same file is imported twice', async () => {
    recorded('orig', sent.slice(0, 3))
    const bytes = (await service.exportFile('orig', 'jsonl')).bytes
    const first = await service.importFile(bytes, 'Copy')
    const second = await service.importFile(bytes, 'Copy')
    expect([first.name, second.name]).toEqual(['Copy', 'Copy'])
    expect(second.id).toBe(`${first.id}-2`)
    expect(service.list()).toHaveLength(3)
  })

  it('exports CSV with a header row, µs times, text payloads as text and binary ones as base64', async () => {
    const at = meta.startedAt * 1000
    recorded('orig', [
      { topic: 'a/b', payload: new Uint8Array(0), qos: 0, retain: true, dup: true, receivedAtMicros: at },
      { topic: 'a,"b"', payload: new TextEncoder().encode('{"s":"x,y"}\nü'), qos: 1, retain: false, dup: false, receivedAtMicros: at + 1_001 },
      { topic: 'bin', payload: Uint8Array.of(0xff, 0, 1), qos: 2, retain: false, dup: false, receivedAtMicros: at + 999_999 }
    ])
    const csv = text((await service.exportFile('orig', 'csv')).bytes)
    expect(csv.split('\r\n')).toEqual([
      'received_at,epoch_us,topic,qos,retain,dup,size,payload',
      `2026-12-03T10:00:00.000000Z,${at},a/b,0,true,true,0,`,
      `2026-12-03T10:00:00.001001Z,${at + 1_001},"a,""b""",1,false,false,14,"{""s"":""x,y""}\nü"`,
      `2026-12-03T10:00:00.999999Z,${at + 999_999},bin,2,false,false,3,base64:/wAB`,
      ''
    ])
  })

  it('refuses a bad line with its number and leaves no file behind', async () => {
    recorded('orig', sent.slice(0, 10))
    const good = lines((await service.exportFile('orig', 'jsonl')).bytes)
    const broken = [...good.slice(0, 5), '{"t": 1, "topic": "a"', ...good.slice(6)].join('\n')
    await expect(service.importFile(new TextEncoder().encode(broken))).rejects.toThrow('Line 6 is not JSON. Nothing was imported')
    const missing = [...good.slice(0, 8), '{"t":1,"topic":"a","qos":0,"retain":false,"dup":false}', ...good.slice(9)].join('\n')
    await expect(service.importFile(new TextEncoder().encode(missing))).rejects.toThrow('Line 9 is not a valid message: the field "payload" is missing.')
    expect(readdirSync(dir).filter((name) => !name.startsWith('orig.bsrec'))).toEqual([])
  })

  it('deletes the new file when a bad line comes after batches were already written', async () => {
    recorded('orig', sent)
    const good = lines((await service.exportFile('orig', 'jsonl')).bytes)
    const broken = [...good.slice(0, 2_400), '{"t":-1,"topic":"a","payload":"","qos":0,"retain":false,"dup":false}', ...good.slice(2_401)].join('\n')
    await expect(service.importFile(new TextEncoder().encode(broken))).rejects.toThrow('Line 2401 is not a valid message: the field "t" is not valid:')
    expect(readdirSync(dir).filter((name) => !name.startsWith('orig.bsrec'))).toEqual([])
    expect(service.list().map((r) => r.id)).toEqual(['orig'])
  })

  it('refuses a file cut short (fewer messages than its header says), a newer version and an empty file, writing nothing', async () => {
    recorded('orig', sent.slice(0, 10))
    const good = lines((await service.exportFile('orig', 'jsonl')).bytes)
    // The header says 10 were written; without the last line it holds 9, as a cut-off copy would.
    await expect(service.importFile(new TextEncoder().encode(good.slice(0, -1).join('\n')))).rejects.toThrow('The file says 10 messages were recorded but holds 9; it may be cut short.')
    const newer = [JSON.stringify({ ...JSON.parse(good[0] as string), version: 2 }), ...good.slice(1)].join('\n')
    await expect(service.importFile(new TextEncoder().encode(newer))).rejects.toThrow('exported by a newer version of Brokerscope (JSON Lines version 2). Update the app to import it.')
    await expect(service.importFile(new TextEncoder().encode('\n\n'))).rejects.toThrow('The file is empty.')
    expect(readdirSync(dir).filter((name) => !name.startsWith('orig.bsrec'))).toEqual([])
  })

  it('refuses an export larger than the limit with a sentence saying what to do', async () => {
    recorded('orig', sent)
    const file = RecordingFile.open(join(dir, 'orig.bsrec'))
    try {
      await expect(exportRecording(file, 'csv', 64 * 1024)).rejects.toThrow('This recording is larger than 64.0 KB as CSV, so it is not exported. Copy its .bsrec file from the recordings folder instead')
    } finally {
      file.close()
    }
  })

  it('gives the event loop turns while exporting and importing, and lists an import only once it is complete', async () => {
    recorded('big', Array.from({ length: 20_000 }, (_, i) => message(i)))
    let turns = 0
    let listedWhileImporting = 0
    let importing = false
    const timer = setInterval(() => {
      turns++
      if (importing) listedWhileImporting = Math.max(listedWhileImporting, service.list().length)
    }, 1)
    try {
      const exported = await service.exportFile('big', 'jsonl')
      const duringExport = turns
      importing = true
      await service.importFile(exported.bytes)
      importing = false
      expect(duringExport).toBeGreaterThan(2)
      expect(turns - duringExport).toBeGreaterThan(2)
      expect(listedWhileImporting).toBe(1)
      expect(service.list()).toHaveLength(2)
    } finally {
      clearInterval(timer)
    }
  })

  it('exports the readable part of a file cut short, with a header that says how many, so it imports again', async () => {
    recorded('cut', Array.from({ length: 3_000 }, (_, i) => ({ ...message(i), payload: Buffer.alloc(200, i & 0xff) })))
    truncateSync(join(dir, 'cut.bsrec'), Math.floor(statSync(join(dir, 'cut.bsrec')).size * 0.6))
    const exported = (await service.exportFile('cut', 'jsonl')).bytes
    const count = lines(exported).length - 1
    expect(count).toBeGreaterThan(0)
    expect(count).toBeLessThan(3_000)
    expect(JSON.parse(lines(exported)[0] as string)).toMatchObject({ written: count, received: 3_001 })
    expect(await service.importFile(exported)).toMatchObject({ written: count, problem: null })
  })

  it('refuses to export a recording that is still being written (its counts are not in the file yet)', async () => {
    const started = service.start({ connectionId: 'c1', filters: [] })
    await expect(service.exportFile(started.id, 'jsonl')).rejects.toThrow('This recording is still being written. Stop it first, then export it.')
    service.stop('c1')
    expect(lines((await service.exportFile(started.id, 'jsonl')).bytes)).toHaveLength(1)
  })

  it('says so when the recording to export is gone', async () => {
    await expect(service.exportFile('gone', 'csv')).rejects.toThrow('This recording is no longer on disk.')
  })
})
