import { UserFacingError } from '../../shared/contract'

/** A listener that could not start, as a sentence saying which port and what to try. */
export function listenError(error: unknown, label: string, host: string, port: number): Error {
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (code === 'EADDRINUSE') {
    return new UserFacingError('address-in-use', `The ${label} port ${port} on ${host} is already used by another program. Choose another port, or 0 for any free one.`)
  }
  if (code === 'EADDRNOTAVAIL') {
    return new UserFacingError('invalid-argument', `The address ${host} is not one of this machine's interfaces. Choose 127.0.0.1, 0.0.0.0 (every interface) or one of this machine's addresses.`)
  }
  if (code === 'EACCES') {
    return new UserFacingError('not-authorized', `The ${label} port ${port} needs administrator rights on this system. Choose a port above 1023, or 0 for any free one.`)
  }
  const detail = error instanceof Error ? ` (${error.message})` : ''
  return new UserFacingError('internal', `The built-in broker could not listen on ${host} port ${port}${detail}. Try another port or address.`)
}
