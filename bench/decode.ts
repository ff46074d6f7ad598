// (g) Decode throughput: each decoder over 1,000,000 realistic payloads, in one process. The payloads are
// made by the formats' own encoders before the timed loop; 4,096 distinct ones are cycled, as a busy
// topic's history would be read back by a query. Sparkplug decodes DDATA by alias against a state that saw
// the births, as a view does.
import { encode as cborEncode } from 'cborg'
import { encode as msgpackEncode } from '@msgpack/msgpack'
import protobuf from 'protobufjs'
import { compileProtobufSchemas, decodePayload, SparkplugState, type DecoderChoice, type DecoderContext } from '../src/shared/decoders'
import { childConfig, finishWith } from './lib/child'
import { sparkplugTraffic } from './lib/sparkplugTraffic'

export interface DecodeConfig {
  decoder: 'json' | 'cbor' | 'msgpack' | 'protobuf' | 'sparkplug'
  messages: number
}

export interface DecodeResult {
  decoder: DecodeConfig['decoder']
  messagesPerSecond: number
  /** Mean payload size in bytes. */
  payloadBytes: number
}

const DISTINCT = 4096

/** The flood's reading as an object (the same fields as bench/lib/messages.ts writes as JSON). */
const reading = (i: number) => ({ seq: i, value: ((i * 7919) % 100_000) / 100, unit: 'C', ts: 1_700_000_000_000 + i })

const PROTO = `syntax = "proto3";
package bench;
message Telemetry {
  string device = 1; uint32 seq = 2; double value = 3; string unit = 4; uint64 ts = 5;
  repeated float samples = 6; map<string, string> labels = 7; bool alarm = 8; sint32 offset = 9;
}`

function protobufPayloads(): { payloads: Uint8Array[]; context: DecoderContext } {
  const compiled = compileProtobufSchemas([{ name: 'bench.proto', source: PROTO }], [{ filter: 'bench/#', type: 'bench.Telemetry' }])
  if ('error' in compiled) throw new Error(compiled.error)
  const encoder = protobuf.parse(PROTO, { keepCase: true }).root.lookupType('bench.Telemetry')
  const payloads = Array.from({ length: DISTINCT }, (_, i) => encoder.encode(encoder.fromObject({
    device: `site${i % 10}/press-${i}`, seq: i, value: reading(i).value, unit: 'bar', ts: 1_700_000_000_000 + i,
    samples: Array.from({ length: 24 }, (_, k) => (i + k) / 10), labels: { line: `L${i % 4}`, shift: 'night', firmware: '4.2.1' }, alarm: i % 7 === 0, offset: -(i % 50)
  })).finish())
  return { payloads, context: { protobuf: compiled.schemas } }
}

function sparkplugPayloads(): { payloads: Uint8Array[]; context: DecoderContext; topic: string } {
  const traffic = sparkplugTraffic(DISTINCT)
  const sparkplug = new SparkplugState()
  for (const birth of traffic.births) sparkplug.observe(birth.topic, birth.bytes, 0)
  return { payloads: traffic.data, context: { protobuf: null, sparkplug }, topic: traffic.dataTopic }
}

const TOPIC = 'bench/site1/dev2/value'

function payloadsFor(decoder: DecodeConfig['decoder']): { payloads: Uint8Array[]; context: DecoderContext; topic?: string } {
  const none: DecoderContext = { protobuf: null }
  const encoder = new TextEncoder()
  switch (decoder) {
    case 'json': return { payloads: Array.from({ length: DISTINCT }, (_, i) => encoder.encode(JSON.stringify(reading(i)))), context: none }
    case 'cbor': return { payloads: Array.from({ length: DISTINCT }, (_, i) => cborEncode(reading(i))), context: none }
    case 'msgpack': return { payloads: Array.from({ length: DISTINCT }, (_, i) => msgpackEncode(reading(i))), context: none }
    case 'protobuf': return protobufPayloads()
    case 'sparkplug': return sparkplugPayloads()
  }
}

function main(): void {
  const config = childConfig<DecodeConfig>()
  const { payloads, context, topic = TOPIC } = payloadsFor(config.decoder)
  const choice: DecoderChoice = config.decoder
  const run = (count: number): void => {
    for (let i = 0; i < count; i++) {
      const result = decodePayload({ bytes: payloads[i % DISTINCT] as Uint8Array, topic }, context, choice)
      if (!result.ok) throw new Error(result.error)
    }
  }
  run(50_000)
  const started = performance.now()
  run(config.messages)
  const elapsed = performance.now() - started
  finishWith({
    decoder: config.decoder,
    messagesPerSecond: Math.round((config.messages * 1000) / elapsed),
    payloadBytes: Math.round(payloads.reduce((sum, p) => sum + p.length, 0) / payloads.length)
  } satisfies DecodeResult)
}

main()
