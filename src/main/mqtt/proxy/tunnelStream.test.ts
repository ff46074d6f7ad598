import { connect, createServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { TunnelStream } from './tunnelStream'

// Against real loopback sockets: an echo server stands for the far end of a tunnel.
let server: Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

async function echoServer(): Promise<number> {
  server = createServer((socket) => socket.pipe(socket))
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  return (server.address() as { port: number }).port
}

function opened(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket))
    socket.once('error', reject)
  })
}

function later<T>(ms: number, value: () => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => setTimeout(() => value().then(resolve, reject), ms))
}

function received(stream: TunnelStream, bytes: number): Promise<string> {
  let text = ''
  return new Promise((resolve) => {
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      if (text.length >= bytes) resolve(text)
    })
  })
}

describe('TunnelStream', () => {
  it('holds what is written before the tunnel opens and sends it in order once it does', async () => {
    const port = await echoServer()
    const stream = new TunnelStream(later(50, () => opened(port)))
    const echoed = received(stream, 9)
    stream.write('one ')
    stream.write('two ')
    stream.write('3')
    expect(await echoed).toBe('one two 3')
    stream.destroy()
  })

  it('fails with the tunnel error when the tunnel cannot be opened', async () => {
    const stream = new TunnelStream(Promise.reject(Object.assign(new Error('The proxy cannot be reached.'), { code: 'proxy-unreachable' })))
    const error = await new Promise<Error>((resolve) => stream.once('error', resolve))
    expect(error).toMatchObject({ message: 'The proxy cannot be reached.', code: 'proxy-unreachable' })
    expect(stream.destroyed).toBe(true)
  })

  it('closes a tunnel that opens after the stream was destroyed', async () => {
    const port = await echoServer()
    let late: Socket | undefined
    const stream = new TunnelStream(later(30, async () => (late = await opened(port))))
    stream.destroy()
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(late?.destroyed).toBe(true)
  })

  it('ends and closes when the far end closes the tunnel', async () => {
    server = createServer((socket) => socket.end('bye'))
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    const stream = new TunnelStream(opened((server.address() as { port: number }).port))
    const text = received(stream, 3)
    const ended = new Promise((resolve) => stream.once('end', resolve))
    const closed = new Promise((resolve) => stream.once('close', resolve))
    expect(await text).toBe('bye')
    await ended
    await closed
    expect(stream.destroyed).toBe(true)
  })
})
