/** Byte conversions shared by the decoders, the value viewer and the publish editor (pure: TextEncoder, atob, btoa). */

const encoder = new TextEncoder()
const strictDecoder = new TextDecoder('utf-8', { fatal: true })
const lenientDecoder = new TextDecoder('utf-8')
const HEX_DIGITS = '0123456789abcdef'

/** A contract-ready byte array (zod's Uint8Array schema wants an ArrayBuffer-backed one). */
export type Bytes = Uint8Array<ArrayBuffer>

export function utf8Encode(text: string): Bytes {
  return encoder.encode(text) as Bytes
}

/** Decodes UTF-8, replacing invalid sequences with U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  return lenientDecoder.decode(bytes)
}

/** Decodes UTF-8, or returns null when the bytes are not valid UTF-8 (binary payloads). */
export function utf8DecodeStrict(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes)
  } catch {
    return null
  }
}

/** Lower-case hex, bytes separated by a space, 16 per line, so long payloads stay readable. */
export function toHex(bytes: Uint8Array): string {
  const parts: string[] = []
  let line = ''
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number
    if (i % 16 !== 0) line += ' '
    line += HEX_DIGITS[byte >> 4]! + HEX_DIGITS[byte & 15]!
    if (i % 16 === 15) {
      parts.push(line)
      line = ''
    }
  }
  if (line) parts.push(line)
  return parts.join('\n')
}

/** Hex dump for reading binary payloads: offset, 16 bytes in hex (searchable as one run), and their printable ASCII. */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = []
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.subarray(offset, offset + 16)
    let hex = ''
    let ascii = ''
    for (let i = 0; i < 16; i++) {
      const byte = row[i]
      hex += (i > 0 ? ' ' : '') + (byte === undefined ? '  ' : HEX_DIGITS[byte >> 4]! + HEX_DIGITS[byte & 15]!)
      if (byte !== undefined) ascii += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.'
    }
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex}  |${ascii}|`)
  }
  return lines.join('\n')
}

/** Parses hex digits; spaces, newlines, `0x` prefixes and `:`/`-` separators are ignored. */
export function fromHex(text: string): { bytes: Bytes } | { error: string } {
  const digits = text.replace(/0x/gi, '').replace(/[\s:,-]/g, '')
  if (!/^[0-9a-fA-F]*$/.test(digits)) {
    return { error: 'The hex payload contains characters other than 0-9 and a-f; remove them.' }
  }
  if (digits.length % 2 !== 0) {
    return { error: `The hex payload has an odd number of digits (${digits.length}); each byte needs two.` }
  }
  const bytes = new Uint8Array(digits.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16)
  return { bytes }
}

/** Standard base64 (RFC 4648) with padding. */
export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  // Chunked so String.fromCharCode never receives more arguments than the engine allows.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

/** Parses base64 or base64url; whitespace is ignored and padding is optional. */
export function fromBase64(text: string): { bytes: Bytes } | { error: string } {
  let clean = text.replace(/\s/g, '').replace(/-/g, '+').replace(/_/g, '/')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.replace(/=+$/, '').length % 4 === 1) {
    return { error: 'The base64 payload is not valid base64; check for stray characters or a cut-off end.' }
  }
  clean = clean.replace(/=+$/, '')
  clean += '='.repeat((4 - (clean.length % 4)) % 4)
  const binary = atob(clean)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return { bytes }
}

/** "512 B", "1.5 KB", "2.0 MB": sizes as people read them. */
export function formatByteSize(size: number): string {
  if (size < 1024) return `${size} B`
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`
  return `${(size / (1024 * 1024)).toFixed(1)} MB`
}
