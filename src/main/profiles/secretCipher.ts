/** Encrypts secrets before they are stored; only sealed text ever reaches a file. */
export interface SecretCipher {
  /** Where the key lives, for sentences: e.g. "the system keychain" or "the key file /path/secret.key". */
  readonly keyDescription: string
  /** Returns printable sealed text; throws UserFacingError when secrets cannot be protected here. */
  seal(secret: string): string
  /** Opens text made by seal; throws when the key changed or the text was altered. */
  open(sealed: string): string
}
