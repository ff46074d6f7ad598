// Realistic Sparkplug traffic for the (g) decode row: a device born with 20 metrics, then DDATA that sends all
// 20 by alias, as edge nodes do. Encoded by protobufjs from the specification's schema (the tests' encoder).
import { encodePayload, type MetricSpec } from '../../src/shared/decoders/sparkplug/test/edgeNode'

const T = 1_767_000_000_000

/** Twenty metrics of the kinds a machine reports: floats, doubles, signed ints, booleans, counters. */
function metric(i: number, n: number, birth: boolean): MetricSpec {
  const named = (name: string, datatype: string): MetricSpec => (birth ? { name, datatype } : {})
  const base = { alias: i + 1, timestamp: T + n }
  switch (i % 5) {
    case 0: return { ...base, ...named(`Sensors/Temperature${i}`, 'Float'), floatValue: 20 + (n % 10) / 4 }
    case 1: return { ...base, ...named(`Sensors/Pressure${i}`, 'Double'), doubleValue: 1013.25 + n / 100 }
    case 2: return { ...base, ...named(`Drive/Offset${i}`, 'Int32'), intValue: (-12 - (n % 5)) >>> 0 }
    case 3: return { ...base, ...named(`Valves/Open${i}`, 'Boolean'), booleanValue: n % 2 === 1 }
    default: return { ...base, ...named(`Counters/Cycles${i}`, 'UInt64'), longValue: 1_000_000_000_000n + BigInt(n) }
  }
}

/** An NBIRTH and a DBIRTH defining the 20 aliased metrics, then `count` distinct DDATA carrying them by alias only. */
export function sparkplugTraffic(count: number): { births: { topic: string; bytes: Uint8Array }[]; data: Uint8Array[]; dataTopic: string } {
  const metrics = (n: number, birth: boolean): MetricSpec[] => Array.from({ length: 20 }, (_, i) => metric(i, n, birth))
  return {
    births: [
      { topic: 'spBv1.0/Plant1/NBIRTH/Line4', bytes: encodePayload({ timestamp: T, seq: 0, metrics: [{ name: 'bdSeq', datatype: 'UInt64', longValue: 0 }] }) },
      { topic: 'spBv1.0/Plant1/DBIRTH/Line4/Press7', bytes: encodePayload({ timestamp: T, seq: 1, metrics: metrics(0, true) }) }
    ],
    data: Array.from({ length: count }, (_, n) => encodePayload({ timestamp: T + n, seq: (n + 2) % 256, metrics: metrics(n, false) })),
    dataTopic: 'spBv1.0/Plant1/DDATA/Line4/Press7'
  }
}
