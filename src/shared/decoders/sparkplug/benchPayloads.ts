// Realistic Sparkplug traffic for `npm run bench` decode-throughput rows: a device born with 20 metrics,
// then DDATA that sends all 20 by alias, as edge nodes do. Encoded by a minimal writer of our own.

/** A topic and its payload. */
export interface SparkplugBenchMessage {
  topic: string
  bytes: Uint8Array
}

class Writer {
  readonly out: number[] = []
  varint(value: number | bigint): this {
    let v = BigInt(value)
    while (v >= 0x80n) {
      this.out.push(Number(v & 0x7fn) | 0x80)
      v >>= 7n
    }
    this.out.push(Number(v))
    return this
  }
  key(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType)
  }
  uint(field: number, value: number | bigint): this {
    return this.key(field, 0).varint(value)
  }
  bytes(field: number, bytes: ArrayLike<number>): this {
    this.key(field, 2).varint(bytes.length)
    for (let i = 0; i < bytes.length; i++) this.out.push(bytes[i] as number)
    return this
  }
  string(field: number, text: string): this {
    return this.bytes(field, new TextEncoder().encode(text))
  }
  double(field: number, value: number): this {
    const b = new Uint8Array(8)
    new DataView(b.buffer).setFloat64(0, value, true)
    return this.key(field, 1).raw(b)
  }
  float(field: number, value: number): this {
    const b = new Uint8Array(4)
    new DataView(b.buffer).setFloat32(0, value, true)
    return this.key(field, 5).raw(b)
  }
  raw(b: Uint8Array): this {
    for (const x of b) this.out.push(x)
    return this
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.out)
  }
}

interface BenchMetric {
  name: string
  datatype: number
  write: (w: Writer, i: number) => Writer
}

/** Twenty metrics of the kinds a machine reports: floats, doubles, signed ints, booleans, counters, a state string. */
const METRICS: BenchMetric[] = Array.from({ length: 20 }, (_, i): BenchMetric => {
  switch (i % 5) {
    case 0:
      return { name: `Sensors/Temperature${i}`, datatype: 9, write: (w, n) => w.float(12, 20 + (n % 10) / 4) }
    case 1:
      return { name: `Sensors/Pressure${i}`, datatype: 10, write: (w, n) => w.double(13, 1013.25 + n / 100) }
    case 2:
      return { name: `Drive/Offset${i}`, datatype: 3, write: (w, n) => w.uint(10, (-12 - (n % 5)) >>> 0) }
    case 3:
      return { name: `Valves/Open${i}`, datatype: 11, write: (w, n) => w.uint(14, n % 2) }
    default:
      return { name: `Counters/Cycles${i}`, datatype: 8, write: (w, n) => w.uint(11, 1_000_000_000_000n + BigInt(n)) }
  }
})

function payload(seq: number, timestamp: number, birth: boolean, n: number): Uint8Array {
  const w = new Writer().uint(1, timestamp)
  METRICS.forEach((m, alias) => {
    const mw = new Writer()
    if (birth) mw.string(1, m.name)
    mw.uint(2, alias + 1).uint(3, timestamp)
    if (birth) mw.uint(4, m.datatype)
    w.bytes(2, m.write(mw, n).out)
  })
  return w.uint(3, seq).finish()
}

/** An NBIRTH and a DBIRTH defining 20 aliased metrics, then a DDATA carrying all 20 by alias only. */
export function sparkplugBenchMessages(): { births: SparkplugBenchMessage[]; data: SparkplugBenchMessage } {
  const t = 1_767_000_000_000
  const nbirth = new Writer().uint(1, t)
  nbirth.bytes(2, new Writer().string(1, 'bdSeq').uint(4, 8).uint(11, 0).out)
  return {
    births: [
      { topic: 'spBv1.0/Plant1/NBIRTH/Line4', bytes: nbirth.uint(3, 0).finish() },
      { topic: 'spBv1.0/Plant1/DBIRTH/Line4/Press7', bytes: payload(1, t, true, 0) }
    ],
    data: { topic: 'spBv1.0/Plant1/DDATA/Line4/Press7', bytes: payload(2, t + 1000, false, 7) }
  }
}
