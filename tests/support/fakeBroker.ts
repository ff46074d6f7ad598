// A minimal MQTT peer on 127.0.0.1 that speaks real MQTT (mqtt-packet) and answers only what the test says:
// the way to meet brokers that close on a v5 CONNECT, never answer it, or never acknowledge a publish.
import { once } from 'node:events'
import { createServer, type Server, type Socket } from 'node:net'
import mqttPacket, { type Packet } from 'mqtt-packet'

/** What the fake broker does with one packet from a client: send packets back (then close, as after a DISCONNECT), close, or nothing. */
export type FakeAnswer = { send: Packet[]; thenClose?: boolean } | 'close' | 'ignore'

/** Decides the answer to each packet; `version` is the protocol version of the client's CONNECT. */
export type FakeBehaviour = (packet: Packet, version: number) => FakeAnswer

/** A running fake broker. */
export interface FakeBroker {
  port: number
  /** Every packet received, in order, from every client. */
  received: Packet[]
  close(): Promise<void>
}

/** Accepts every CONNECT, acknowledges QoS 1 and 2 publishes and answers pings: a broker that works. */
export const answerLikeABroker: FakeBehaviour = (packet) => {
  switch (packet.cmd) {
    case 'connect': return { send: [{ cmd: 'connack', returnCode: 0, reasonCode: 0, sessionPresent: false }] }
    case 'publish':
      if (packet.qos === 1) return { send: [{ cmd: 'puback', messageId: packet.messageId }] }
      if (packet.qos === 2) return { send: [{ cmd: 'pubrec', messageId: packet.messageId }] }
      return 'ignore'
    case 'pubrel': return { send: [{ cmd: 'pubcomp', messageId: packet.messageId }] }
    case 'pingreq': return { send: [{ cmd: 'pingresp' }] }
    case 'subscribe': return { send: [{ cmd: 'suback', messageId: packet.messageId, granted: packet.subscriptions.map((s) => s.qos) }] }
    default: return 'ignore'
  }
}

/** Starts a fake broker on a free 127.0.0.1 port. */
export async function startFakeBroker(behaviour: FakeBehaviour): Promise<FakeBroker> {
  const sockets = new Set<Socket>()
  const received: Packet[] = []
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    let version = 4
    // A fresh parser per client; it switches itself to the CONNECT's protocol version.
    const parser = mqttPacket.parser()
    parser.on('packet', (packet: Packet) => {
      received.push(packet)
      if (packet.cmd === 'connect') version = packet.protocolVersion ?? 4
      const answer = behaviour(packet, version)
      if (answer === 'close') socket.destroy()
      else if (answer !== 'ignore') {
        for (const reply of answer.send) socket.write(mqttPacket.generate(reply, { protocolVersion: version }))
        if (answer.thenClose) socket.end()
      }
    })
    parser.on('error', () => socket.destroy())
    socket.on('data', (chunk: Buffer) => parser.parse(chunk))
  }).listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    port: (server.address() as { port: number }).port,
    received,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      server.close()
      await once(server, 'close')
    }
  }
}
