/** Kinds of failure the user can act on; `message` on AppError says what happened and what to try. */
export type ErrorCode =
  | 'invalid-argument'
  | 'unknown-request'
  | 'not-found'
  | 'already-exists'
  | 'not-connected'
  | 'connection-refused'
  | 'unknown-host'
  | 'connect-timeout'
  | 'bad-credentials'
  | 'not-authorized'
  | 'broker-refused'
  | 'connection-lost'
  | 'proxy-unreachable'
  | 'proxy-auth-failed'
  | 'proxy-refused'
  | 'tls-unknown-ca'
  | 'tls-hostname-mismatch'
  | 'tls-expired'
  | 'tls-failed'
  | 'file-unreadable'
  | 'subscription-refused'
  | 'publish-refused'
  | 'publish-timeout'
  | 'cancelled'
  | 'unsupported'
  | 'storage'
  | 'address-in-use'
  | 'internal'

/** A failure as it crosses the contract: a code for the program, a sentence for the user. */
export interface AppError {
  code: ErrorCode
  message: string
}

/** Thrown by services in main; the handler table turns it into an AppError reply. */
export class UserFacingError extends Error implements AppError {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'UserFacingError'
  }
}

/** Every reply is either a value or an AppError; exceptions never cross the boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }
