// The flood: raw MQTT 3.1.1 PUBLISH packets written straight to a TCP socket, so the publisher spends
// as little CPU as possible and the 2-core machine's cores go to the broker and the subscriber measured.
import { connect, type Socket } from 'node:net'
import { childConfig, finishWith } from './lib/child'
import { benchTopic, writePayload } from './lib/messages'

export interface PublisherConfig {
  port: number
  prefix: string
  messages: number
  topics: number
  qos: 0 | 1
  retain: boolean
}

const BATCH_BYTES = 64 * 1024

function remainingLength(target: Buffer, offset: number, length: number): number {
  let at = offset
  let rest = length
  do {
    let byte = rest % 128
    rest = Math.floor(rest / 128)
    if (rest > 0) byte |= 0x80
    target[at++] = byte
  } while (rest > 0)
  return at
}

function connectPacket(clientId: string): Buffer {
  const id = Buffer.from(clientId)
  const body = Buffer.concat([Buffer.from([0, 4, 0x4d, 0x51, 0x54, 0x54, 4, 0x02, 0, 0]), Buffer.from([id.length >> 8, id.length & 0xff]), id])
  const header = Buffer.alloc(5)
  const end = remainingLength(header, 1, body.length)
  header[0] = 0x10
  return Buffer.concat([header.subarray(0, end), body])
}

const payloadScratch = Buffer.alloc(256)

/** Writes PUBLISH packet `i` at `offset`; returns the new offset. */
function writePublish(target: Buffer, offset: number, config: PublisherConfig, i: number): number {
  const topic = benchTopic(config.prefix, i, config.topics)
  const payloadLength = writePayload(payloadScratch, 0, i)
  const topicLength = Buffer.byteLength(topic, 'latin1')
  const length = 2 + topicLength + (config.qos > 0 ? 2 : 0) + payloadLength
  target[offset] = 0x30 | (config.qos << 1) | (config.retain ? 1 : 0)
  let at = remainingLength(target, offset + 1, length)
  target.writeUInt16BE(topicLength, at)
  at += 2
  at += target.write(topic, at, 'latin1')
  if (config.qos > 0) {
    target.writeUInt16BE((i % 65_535) + 1, at)
    at += 2
  }
  payloadScratch.copy(target, at, 0, payloadLength)
  return at + payloadLength
}

async function flood(socket: Socket, config: PublisherConfig): Promise<void> {
  for (let i = 0; i < config.messages; ) {
    const batch = Buffer.allocUnsafe(BATCH_BYTES)
    let offset = 0
    while (i < config.messages && offset < BATCH_BYTES - 512) offset = writePublish(batch, offset, config, i++)
    if (!socket.write(batch.subarray(0, offset))) await new Promise((resolve) => socket.once('drain', resolve))
  }
}

/** Resolves at the broker's PINGRESP; acks of QoS 1 publishes before it are read and dropped. */
function pingResponse(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    let pending: Buffer = Buffer.alloc(0)
    socket.on('data', (data: Buffer) => {
      pending = pending.length > 0 ? Buffer.concat([pending, data]) : data
      // Every packet the broker sends here (PUBACK, PINGRESP) has a one-byte remaining length.
      let at = 0
      while (at + 2 <= pending.length && at + 2 + (pending[at + 1] as number) <= pending.length) {
        if (pending[at] === 0xd0) resolve()
        at += 2 + (pending[at + 1] as number)
      }
      pending = pending.subarray(at)
    })
  })
}

async function main(): Promise<void> {
  const config = childConfig<PublisherConfig>()
  const socket = connect({ host: '127.0.0.1', port: config.port })
  socket.setNoDelay(true)
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject)
    socket.once('data', (data: Buffer) => (data[0] === 0x20 && data[3] === 0 ? resolve() : reject(new Error('The broker refused the bench publisher.'))))
    socket.write(connectPacket(`bench-pub-${process.pid}`))
  })
  const pong = pingResponse(socket)
  const started = performance.now()
  await flood(socket, config)
  // The broker answers a PINGREQ after every packet sent before it: closing earlier could make it drop
  // the publishes it has not read yet (it disconnects when an ack cannot be written).
  socket.write(Buffer.from([0xc0, 0]))
  await pong
  await new Promise<void>((resolve) => socket.end(resolve))
  finishWith({ seconds: (performance.now() - started) / 1000 })
}

void main()
