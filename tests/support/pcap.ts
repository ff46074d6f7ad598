// A capture file written from what a TCP relay saw, so tests can hand real session bytes to tshark without root
// (no dumpcap on the loopback): each relayed connection becomes an IPv4/TCP stream with a handshake and the data in
// order. Addresses are 127.0.0.1 and 127.0.0.2; the ports are the ones asked for, e.g. 8883 so tshark decodes
// MQTT over TLS without being told.
import { writeFileSync } from 'node:fs'
import type { RelayTap } from './tcpRelay'

const LINKTYPE_RAW = 101
const SYN = 0x02
const ACK = 0x10
const PSH = 0x08
/** Well under the IPv4 limit, like a loopback MTU would cut it. */
const SEGMENT_BYTES = 16_000

function checksum(header: Buffer): number {
  let sum = 0
  for (let i = 0; i < header.length; i += 2) sum += header.readUInt16BE(i)
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16)
  return ~sum & 0xffff
}

interface Segment {
  toServer: boolean
  flags: number
  seq: number
  ack: number
  data: Buffer
}

/** Records relayed chunks and writes them as a pcap file. */
export class TcpCapture {
  private readonly chunks: { connection: number; toServer: boolean; data: Buffer; at: number }[] = []

  /** Give this to startTcpRelay. */
  readonly tap: RelayTap = (connection, from, data) => this.chunks.push({ connection, toServer: from === 'client', data: Buffer.from(data), at: Date.now() })

  /** Writes the capture to `path`; the server side of every stream is `serverPort`. */
  write(path: string, serverPort: number): void {
    const connections = [...new Set(this.chunks.map((c) => c.connection))]
    const records = connections.flatMap((connection) => {
      const chunks = this.chunks.filter((c) => c.connection === connection)
      const start = chunks[0]?.at ?? Date.now()
      const clientPort = 40_000 + connection
      return this.segments(chunks).map((segment, i) => this.record(segment, clientPort, serverPort, start + i / 1000))
    })
    const header = Buffer.alloc(24)
    header.writeUInt32LE(0xa1b2c3d4, 0)
    header.writeUInt16LE(2, 4)
    header.writeUInt16LE(4, 6)
    header.writeUInt32LE(65_535, 16)
    header.writeUInt32LE(LINKTYPE_RAW, 20)
    writeFileSync(path, Buffer.concat([header, ...records]))
  }

  private segments(chunks: { toServer: boolean; data: Buffer }[]): Segment[] {
    let client = 1_000
    let server = 5_000
    const out: Segment[] = [
      { toServer: true, flags: SYN, seq: client++, ack: 0, data: Buffer.alloc(0) },
      { toServer: false, flags: SYN | ACK, seq: server++, ack: client, data: Buffer.alloc(0) },
      { toServer: true, flags: ACK, seq: client, ack: server, data: Buffer.alloc(0) }
    ]
    for (const chunk of chunks) {
      for (let at = 0; at < chunk.data.length; at += SEGMENT_BYTES) {
        const data = chunk.data.subarray(at, at + SEGMENT_BYTES)
        out.push({ toServer: chunk.toServer, flags: PSH | ACK, seq: chunk.toServer ? client : server, ack: chunk.toServer ? server : client, data })
        if (chunk.toServer) client += data.length
        else server += data.length
      }
    }
    return out
  }

  private record(segment: Segment, clientPort: number, serverPort: number, atMs: number): Buffer {
    const tcp = Buffer.alloc(20)
    tcp.writeUInt16BE(segment.toServer ? clientPort : serverPort, 0)
    tcp.writeUInt16BE(segment.toServer ? serverPort : clientPort, 2)
    tcp.writeUInt32BE(segment.seq >>> 0, 4)
    tcp.writeUInt32BE(segment.ack >>> 0, 8)
    tcp.writeUInt8(5 << 4, 12)
    tcp.writeUInt8(segment.flags, 13)
    tcp.writeUInt16BE(65_535, 14)
    const ip = Buffer.alloc(20)
    ip.writeUInt8(0x45, 0)
    ip.writeUInt16BE(20 + tcp.length + segment.data.length, 2)
    ip.writeUInt16BE(0x4000, 6)
    ip.writeUInt8(64, 8)
    ip.writeUInt8(6, 9)
    Buffer.from([127, 0, 0, segment.toServer ? 1 : 2]).copy(ip, 12)
    Buffer.from([127, 0, 0, segment.toServer ? 2 : 1]).copy(ip, 16)
    ip.writeUInt16BE(checksum(ip), 10)
    const packet = Buffer.concat([ip, tcp, segment.data])
    const header = Buffer.alloc(16)
    header.writeUInt32LE(Math.floor(atMs / 1000), 0)
    header.writeUInt32LE(Math.floor((atMs % 1000) * 1000), 4)
    header.writeUInt32LE(packet.length, 8)
    header.writeUInt32LE(packet.length, 12)
    return Buffer.concat([header, packet])
  }
}
