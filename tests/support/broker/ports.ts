import { createServer, connect, type Server } from 'node:net'

const host = '127.0.0.1'

/** Asks the OS for `count` distinct free ports on 127.0.0.1 (held open together so they differ, then released). */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = []
  try {
    for (let i = 0; i < count; i += 1) {
      const server = createServer()
      servers.push(server)
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(0, host, resolve)
      })
    }
    return servers.map((server) => {
      const address = server.address()
      if (address === null || typeof address === 'string') throw new Error('The OS gave no TCP port for a test listener.')
      return address.port
    })
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    socket.setTimeout(500)
    socket.once('connect', () => { socket.destroy(); resolve(true) })
    socket.once('timeout', () => { socket.destroy(); resolve(false) })
    socket.once('error', () => { socket.destroy(); resolve(false) })
  })
}

/**
 * Waits until every port accepts a TCP connection. Resolves false after `timeoutMs`
 * or as soon as `gaveUp()` says waiting is pointless (e.g. the broker process exited).
 */
export async function waitForPorts(ports: number[], timeoutMs: number, gaveUp: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  const pending = new Set(ports)
  while (pending.size > 0) {
    if (gaveUp() || Date.now() > deadline) return false
    for (const port of [...pending]) {
      if (await accepts(port)) pending.delete(port)
    }
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return true
}
