import { safeStorage } from 'electron'
import { UserFacingError } from '../../shared/contract'
import type { SecretCipher } from './secretCipher'

const PREFIX = 'ss1:'

/** The desktop cipher: Electron safeStorage (Keychain, DPAPI, or the Linux secret service). Electron entry only. */
export function createSafeStorageCipher(): SecretCipher {
  return {
    keyDescription: 'the system keychain',
    seal(secret) {
      // On Linux without a keyring, safeStorage falls back to a fixed, public key: that is not encryption.
      const weak = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'
      if (!safeStorage.isEncryptionAvailable() || weak) {
        throw new UserFacingError(
          'storage',
          'No system keychain is available, so the password cannot be saved safely. Unlock or install a keyring (GNOME Keyring or KWallet), or leave the password empty and enter it when connecting.'
        )
      }
      return PREFIX + safeStorage.encryptString(secret).toString('base64')
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not sealed with safeStorage')
      return safeStorage.decryptString(Buffer.from(sealed.slice(PREFIX.length), 'base64'))
    }
  }
}
