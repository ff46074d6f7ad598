import { Duplex } from 'node:stream'
import type { Socket } from 'node:net'

/**
 * Stands for a socket still being opened through a proxy. mqtt.js wants its stream at once and writes
 * CONNECT straight away; writes wait here for the tunnel (Writable calls _write one at a time, so order holds).
 */
export class TunnelStream extends Duplex {
  private tunnel: Socket | undefined
  private readonly ready: Promise<Socket>

  constructor(opening: Promise<Socket>) {
    super()
    this.ready = opening.then((socket) => this.attach(socket))
    this.ready.catch((error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))))
  }

  private attach(socket: Socket): Socket {
    if (this.destroyed) {
      socket.destroy()
      return socket
    }
    this.tunnel = socket
    socket.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) socket.pause()
    })
    socket.on('end', () => this.push(null))
    socket.on('error', (error) => this.destroy(error))
    socket.on('close', () => this.destroy())
    return socket
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.ready.then((socket) => socket.write(chunk, callback), callback)
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.ready.then((socket) => socket.end(() => callback()), callback)
  }

  override _read(): void {
    this.tunnel?.resume()
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.tunnel?.destroy()
    callback(error)
  }
}
