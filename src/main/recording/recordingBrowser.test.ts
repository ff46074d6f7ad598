// Recordings opened as read-only tabs: the model holds exactly the messages up to the moment shown, forward and
// back, a later seek takes over a slow one, and a damaged file shows its intact part with a sentence.
import { mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { seriesQuery } from '../model/seriesQuery'
import { ModelService } from '../model'
import { RecordingBrowser } from './recordingBrowser'
import { RECORDING_FORMAT, RecordingFile, type RecordedMessage } from './recordingFile'

const dir = mkdtempSync(join(tmpdir(), 'browse-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const T0 = 1_700_000_000_000
/** Message i on topic t/(i % topics) carries i as text, received i ms after T0. */
function write(name: string, count: number, topics = 3, profile: unknown = { name: 'Plant', decoders: { pins: [{ filter: 'cbor/#', decoder: 'cbor' }], protoFiles: [], protobufRules: [] } }): string {
  const path = join(dir, `${name}.bsrec`)
  const file = RecordingFile.create(path, { format: RECORDING_FORMAT, name, connectionId: 'c', profile, filters: [], startedAt: T0, stoppedAt: T0 + count, received: count, written: count, notWritten: 0, notWrittenReason: null })
  const messages: RecordedMessage[] = []
  for (let i = 0; i < count; i++) messages.push({ topic: `t/${i % topics}`, payload: Buffer.from(String(i)), qos: 1, retain: i % 2 === 0, dup: false, receivedAtMicros: (T0 + i) * 1000 })
  file.append(messages)
  file.close()
  return path
}

const services: ModelService[] = []
afterEach(() => {
  for (const s of services.splice(0)) s.dispose()
})
function setUp(): { model: ModelService; browser: RecordingBrowser } {
  const model = new ModelService({ emitClearProgress: () => undefined, publish: async () => undefined })
  services.push(model)
  const browser = new RecordingBrowser({ open: (id) => RecordingFile.open(join(dir, `${id}.bsrec`)), model })
  return { model, browser }
}
/** The values the model holds for a topic, oldest first. */
const values = (model: ModelService, id: string, topic: string): number[] => Array.from(seriesQuery(model.view(id), [{ topic, path: '' }], undefined, 100_000)[0]?.values ?? [])

describe('RecordingBrowser', () => {
  it('opens a recording to its end, then shows it as it was at any moment, back and forward', async () => {
    write('plant', 30)
    const { model, browser } = setUp()
    const opened = await browser.browse('recording-1', 'plant', null)
    expect(opened).toMatchObject({ name: 'plant', profileName: 'Plant', firstAt: T0, lastAt: T0 + 29, at: T0 + 29, total: 30, loaded: 30, damage: null, superseded: false })
    expect(values(model, 'recording-1', 't/0')).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27])
    expect(model.view('recording-1').topics.size).toBe(3)

    const back = await browser.seek('recording-1', T0 + 10)
    expect(back).toMatchObject({ at: T0 + 10, loaded: 11 })
    expect(values(model, 'recording-1', 't/0')).toEqual([0, 3, 6, 9])
    expect(values(model, 'recording-1', 't/2')).toEqual([2, 5, 8])
    expect(model.view('recording-1').messageCount).toBe(11)

    const forward = await browser.seek('recording-1', T0 + 20)
    expect(forward).toMatchObject({ at: T0 + 20, loaded: 21 })
    expect(values(model, 'recording-1', 't/0')).toEqual([0, 3, 6, 9, 12, 15, 18])
    expect(model.view('recording-1').messageCount).toBe(21)

    // Before the first message or after the last: the ends.
    expect(await browser.seek('recording-1', 0)).toMatchObject({ at: T0, loaded: 1 })
    expect(await browser.seek('recording-1', T0 + 1e9)).toMatchObject({ at: T0 + 29, loaded: 30 })
    // The recorded profile's decoder pins decide `auto` decoding in its tab.
    expect(browser.decodersOf('recording-1')?.pinFor('cbor/x')).toBe('cbor')
  })

  it('closes a tab: its model is gone, and seeking it says so', async () => {
    write('closing', 5)
    const { model, browser } = setUp()
    await browser.browse('recording-2', 'closing', null)
    expect(browser.close('recording-2')).toBe(true)
    expect(model.view('recording-2').messageCount).toBe(0)
    expect(() => browser.seek('recording-2', T0)).toThrow('This recording tab is closed. Open the recording again from the list of recordings.')
    expect(browser.close('recording-2')).toBe(false)
  })

  it('lets a later seek take over a load that is still running', async () => {
    write('big', 200_000, 50)
    const { model, browser } = setUp()
    const first = browser.browse('recording-3', 'big', null)
    const second = browser.seek('recording-3', T0 + 99)
    const [a, b] = await Promise.all([first, second])
    expect(a.superseded).toBe(true)
    expect(b).toMatchObject({ superseded: false, at: T0 + 99, loaded: 100 })
    expect(model.view('recording-3').messageCount).toBe(100)
  })

  it('opens a recording cut short with a sentence and every intact message', async () => {
    const path = write('cut', 20_000, 10)
    truncateSync(path, Math.floor(statSync(path).size * 0.6))
    const { model, browser } = setUp()
    const opened = await browser.browse('recording-4', 'cut', null)
    expect(opened.damage).toMatch(/^The recording .*cut\.bsrec was cut short; the messages up to where it ends are shown\./)
    expect(opened.loaded).toBeGreaterThan(0)
    expect(model.view('recording-4').messageCount).toBe(opened.loaded)
    // Every intact message, as a replay or an export reads them; t/0's values in order.
    const direct = RecordingFile.open(path)
    expect(opened.loaded).toBe([...direct.messages()].length)
    direct.close()
    const kept = values(model, 'recording-4', 't/0')
    expect(kept.length).toBeGreaterThan(0)
    expect(kept.every((value, i) => value % 10 === 0 && (i === 0 || value > (kept[i - 1] as number)))).toBe(true)
  })

  it('closes the tab opened first when too many are open', async () => {
    write('many', 3)
    const { browser } = setUp()
    for (let i = 0; i < 9; i++) await browser.browse(`recording-m${i}`, 'many', null)
    expect(browser.has('recording-m0')).toBe(false)
    expect(browser.has('recording-m8')).toBe(true)
  })
})
