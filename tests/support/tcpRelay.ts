import { connect, createServer, type Socket } from 'node:net'

/** A TCP relay on 127.0.0.1 to a target port, whose connections can be cut as a crashed process would leave them. */
export interface TcpRelay {
  port: number
  /** Destroys every relayed connection at once, both sides, with no MQTT DISCONNECT. */
  cut(): void
  close(): Promise<void>
}

/** Hears every chunk relayed: which connection (numbered from 0 in accept order), which side sent it, the bytes. */
export type RelayTap = (connection: number, from: 'client' | 'server', data: Buffer) => void

export async function startTcpRelay(targetPort: number, tap?: RelayTap): Promise<TcpRelay> {
  const sockets = new Set<Socket>()
  let accepted = 0
  const server = createServer((client) => {
    const upstream = connect({ host: '127.0.0.1', port: targetPort })
    const connection = accepted++
    if (tap) {
      client.on('data', (data: Buffer) => tap(connection, 'client', data))
      upstream.on('data', (data: Buffer) => tap(connection, 'server', data))
    }
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => socket.destroy())
    }
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('The relay got no TCP port.')
  const cut = (): void => sockets.forEach((socket) => socket.destroy())
  return {
    port: address.port,
    cut,
    close: () => {
      cut()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}
