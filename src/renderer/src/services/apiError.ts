import type { AppError, ErrorCode } from '@shared/contract'

/** A failed request, carrying the contract's code and the sentence the user should read. */
export class ApiError extends Error implements AppError {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'ApiError'
  }
}
