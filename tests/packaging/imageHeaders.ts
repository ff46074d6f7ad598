// Readers of the few header fields the packaging tests check: enough to tell what an installer will show.

/** Width and height of a PNG, from its IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) throw new Error('not a PNG')
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') throw new Error('PNG without IHDR first')
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

/** The images of a Windows .ico: the size its directory says and the PNG size of the data, per entry. */
export function icoEntries(bytes: Uint8Array): Array<{ declared: number; png: { width: number; height: number } | null }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.getUint16(0, true) !== 0 || view.getUint16(2, true) !== 1) throw new Error('not an ICO')
  const count = view.getUint16(4, true)
  return Array.from({ length: count }, (_, i) => {
    const entry = 6 + i * 16
    const width = bytes[entry] as number
    const size = view.getUint32(entry + 8, true)
    const offset = view.getUint32(entry + 12, true)
    const data = bytes.subarray(offset, offset + size)
    let png: { width: number; height: number } | null = null
    try {
      png = pngSize(data)
    } catch {
      png = null
    }
    return { declared: width === 0 ? 256 : width, png }
  })
}

/** The chunks of a macOS .icns: type and the PNG size of its data (null for legacy non-PNG chunks). */
export function icnsChunks(bytes: Uint8Array): Array<{ type: string; png: { width: number; height: number } | null }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (String.fromCharCode(...bytes.subarray(0, 4)) !== 'icns') throw new Error('not an ICNS')
  if (view.getUint32(4) !== bytes.length) throw new Error('ICNS length does not match the file')
  const chunks: Array<{ type: string; png: { width: number; height: number } | null }> = []
  for (let offset = 8; offset + 8 <= bytes.length;) {
    const type = String.fromCharCode(...bytes.subarray(offset, offset + 4))
    const length = view.getUint32(offset + 4)
    if (length < 8 || offset + length > bytes.length) throw new Error(`ICNS chunk ${type} runs past the file`)
    let png: { width: number; height: number } | null = null
    try {
      png = pngSize(bytes.subarray(offset + 8, offset + length))
    } catch {
      png = null
    }
    chunks.push({ type, png })
    offset += length
  }
  return chunks
}
