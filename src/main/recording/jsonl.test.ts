import { describe, expect, it } from 'vitest'
import { jsonlHeader, jsonlLines, jsonlMessage, parseJsonlHeader, parseJsonlMessage } from './jsonl'
import type { RecordedMessage, RecordingMeta } from './recordingFile'

const meta: RecordingMeta = {
  format: 1,
  name: 'Line 4',
  connectionId: 'c1',
  profile: { name: 'Plain', subscriptions: [{ filter: '#', qos: 1 }] },
  filters: ['line4/#'],
  startedAt: 1_700_000_000_123,
  stoppedAt: 1_700_000_060_000,
  received: 3,
  written: 2,
  notWritten: 1,
  notWrittenReason: 'The disk did not keep up.'
}

const full: RecordedMessage = {
  topic: 'line4/press/1',
  payload: Uint8Array.from([0, 1, 2, 0xff, 0xfe, 10, 13]),
  qos: 2,
  retain: true,
  dup: true,
  receivedAtMicros: 1_700_000_000_123_456,
  properties: {
    contentType: 'application/octet-stream',
    responseTopic: 'reply/here',
    correlationData: Uint8Array.from([0xde, 0xad, 0, 0xbe, 0xef]),
    userProperties: [
      ['k', 'v1'],
      ['k', 'v2'],
      ['ünï', '']
    ],
    messageExpiryInterval: 0xffff_ffff,
    payloadFormatIndicator: false,
    subscriptionIdentifiers: [1, 268_435_455],
    topicAlias: 7
  }
}

describe('JSON Lines recording format', () => {
  it('round-trips every field of a message, properties and binary bytes included', () => {
    const line = jsonlMessage(full)
    expect(JSON.parse(line)).toMatchObject({ t: 1_700_000_000_123_456, payload: 'AAEC//4KDQ==', properties: { correlationDataBase64: '3q0Avu8=' } })
    expect(JSON.parse(line).properties).not.toHaveProperty('correlationData')
    const back = parseJsonlMessage(line, 2)
    expect(back).toEqual(full)
    expect(back.payload).toBeInstanceOf(Uint8Array)
    expect(back.properties?.correlationData).toBeInstanceOf(Uint8Array)
  })

  it('round-trips a message without properties and an empty payload, adding nothing', () => {
    const bare: RecordedMessage = { topic: 'a', payload: new Uint8Array(0), qos: 0, retain: false, dup: false, receivedAtMicros: 0 }
    expect(JSON.parse(jsonlMessage(bare))).toEqual({ t: 0, topic: 'a', payload: '', qos: 0, retain: false, dup: false })
    expect(parseJsonlMessage(jsonlMessage(bare), 2)).toEqual(bare)
  })

  it('round-trips the header, and reads one without the optional profile and reason', () => {
    const { format: _format, ...described } = meta
    expect(JSON.parse(jsonlHeader(meta))).toMatchObject({ format: 'brokerscope-recording', version: 1 })
    expect(parseJsonlHeader(jsonlHeader(meta))).toEqual(described)
    const minimal = { format: 'brokerscope-recording', version: 1, name: 'n', connectionId: '', startedAt: 1, stoppedAt: null, filters: [], received: 0, written: 0, notWritten: 0 }
    expect(parseJsonlHeader(JSON.stringify(minimal))).toMatchObject({ profile: null, notWrittenReason: null })
  })

  it('refuses a header of a newer version politely, and a file that is not a recording', () => {
    const newer = JSON.stringify({ ...JSON.parse(jsonlHeader(meta)), version: 2, somethingNew: true })
    expect(() => parseJsonlHeader(newer)).toThrow('This recording was exported by a newer version of Brokerscope (JSON Lines version 2). Update the app to import it.')
    expect(() => parseJsonlHeader('{"topic":"a"}')).toThrow('Line 1 does not start a Brokerscope recording')
    expect(() => parseJsonlHeader('not json')).toThrow('Line 1 is not JSON.')
    expect(() => parseJsonlHeader(JSON.stringify({ ...JSON.parse(jsonlHeader(meta)), written: -1 }))).toThrow('Line 1 is not a valid recording header: the field "written" is not valid:')
  })

  it('names the line of a bad message and what is wrong with it', () => {
    const good = JSON.parse(jsonlMessage(full)) as Record<string, unknown>
    expect(() => parseJsonlMessage('{"t":1,', 5)).toThrow('Line 5 is not JSON. Nothing was imported')
    const { topic: _topic, ...noTopic } = good
    expect(() => parseJsonlMessage(JSON.stringify(noTopic), 6)).toThrow(/^Line 6 is not a valid message: the field "topic" is missing\./)
    expect(() => parseJsonlMessage(JSON.stringify({ ...good, qos: 3 }), 7)).toThrow('Line 7 is not a valid message: the field "qos" is not valid: it must be 0, 1 or 2.')
    expect(() => parseJsonlMessage(JSON.stringify({ ...good, payload: 'not base64!' }), 8)).toThrow('Line 8 is not a valid message: the field "payload" is not valid: it is not base64')
    expect(() => parseJsonlMessage(JSON.stringify({ ...good, topic: 'a/+/b' }), 9)).toThrow('Line 9 is not a valid message: the field "topic" is not valid: the topic "a/+/b" contains a wildcard')
    expect(() => parseJsonlMessage(JSON.stringify({ ...good, t: 1.5 }), 10)).toThrow('Line 10 is not a valid message: the field "t" should be of type int.')
  })

  it('splits a file into numbered lines, dropping CR before LF and skipping blank lines', () => {
    const bytes = new TextEncoder().encode('one\r\n\ntwo ü\n  \nthree')
    expect([...jsonlLines(bytes)]).toEqual([
      { number: 1, text: 'one' },
      { number: 3, text: 'two ü' },
      { number: 5, text: 'three' }
    ])
    expect(() => [...jsonlLines(Uint8Array.from([0x6f, 0x6b, 10, 0xff, 0xfe, 10]))]).toThrow('Line 2 is not UTF-8 text.')
  })
})
