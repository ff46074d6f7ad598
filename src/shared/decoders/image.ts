import { formatByteSize, fromBase64 } from '../bytes'
import type { DecodedImage, PayloadDecoder } from './types'

type Mime = DecodedImage['mime']
type Found = { mime: Mime; width: number; height: number }

const u16be = (b: Uint8Array, at: number): number => ((b[at] as number) << 8) | (b[at + 1] as number)
const u16le = (b: Uint8Array, at: number): number => (b[at] as number) | ((b[at + 1] as number) << 8)
const u24le = (b: Uint8Array, at: number): number => u16le(b, at) | ((b[at + 2] as number) << 16)
const u32be = (b: Uint8Array, at: number): number => ((b[at] as number) * 0x1000000) + u16be(b, at + 1) * 0x100 + (b[at + 3] as number)
const ascii = (b: Uint8Array, at: number, length: number): string => String.fromCharCode(...b.subarray(at, at + length))

function png(b: Uint8Array): Found | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (b.length < 24 || signature.some((x, i) => b[i] !== x) || ascii(b, 12, 4) !== 'IHDR') return null
  return { mime: 'image/png', width: u32be(b, 16), height: u32be(b, 20) }
}

function gif(b: Uint8Array): Found | null {
  if (b.length < 10 || !/^GIF8[79]a$/.test(ascii(b, 0, 6))) return null
  return { mime: 'image/gif', width: u16le(b, 6), height: u16le(b, 8) }
}

function jpeg(b: Uint8Array): Found | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8 || b[2] !== 0xff) return null
  // Walk the markers to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC), which holds the size.
  for (let at = 2; at + 9 < b.length;) {
    if (b[at] !== 0xff) return null
    const marker = b[at + 1] as number
    if (marker === 0xff) {
      at++
      continue
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2
      continue
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { mime: 'image/jpeg', width: u16be(b, at + 7), height: u16be(b, at + 5) }
    }
    at += 2 + u16be(b, at + 2)
  }
  return null
}

function webp(b: Uint8Array): Found | null {
  if (b.length < 30 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') return null
  const chunk = ascii(b, 12, 4)
  if (chunk === 'VP8 ' && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) return { mime: 'image/webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff }
  if (chunk === 'VP8L' && b[20] === 0x2f) {
    const bits = (b[21] as number) | ((b[22] as number) << 8) | ((b[23] as number) << 16) | ((b[24] as number) << 24)
    return { mime: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 }
  }
  if (chunk === 'VP8X') return { mime: 'image/webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 }
  return null
}

/** The kind and size of an image file, recognised by its magic bytes; null when it is none of PNG, JPEG, GIF, WebP. */
export function sniffImage(bytes: Uint8Array): Found | null {
  return png(bytes) ?? jpeg(bytes) ?? gif(bytes) ?? webp(bytes)
}

// Base64 of each format's first bytes: a payload of base64 text is only decoded when it starts like an image.
const BASE64_STARTS = ['iVBORw0KGgo', '/9j/', 'R0lGOD', 'UklGR']

/** The image in a payload: raw image bytes, base64 text of them, or a `data:image/…;base64,` URL. */
export function findImage(bytes: Uint8Array): DecodedImage | null {
  const raw = sniffImage(bytes)
  if (raw) return { ...raw, bytes, base64: false }
  if (bytes.length < 16 || bytes.length > 64 * 1024 * 1024) return null
  let text = String.fromCharCode(...bytes.subarray(0, 64)).trimStart()
  const dataUrl = /^data:image\/[a-z]+;base64,/i.exec(text)
  if (!dataUrl && !BASE64_STARTS.some((start) => text.startsWith(start))) return null
  text = new TextDecoder().decode(bytes).trim().slice(dataUrl ? dataUrl[0].length : 0)
  const decoded = fromBase64(text)
  if ('error' in decoded) return null
  const found = sniffImage(decoded.bytes)
  return found ? { ...found, bytes: decoded.bytes, base64: true } : null
}

/** PNG, JPEG, GIF and WebP pictures, raw or as base64 text, recognised by their magic bytes. */
export const imageDecoder: PayloadDecoder = {
  id: 'image',
  label: 'Image',
  detects: ({ bytes }) => findImage(bytes) !== null,
  decode({ bytes }) {
    const image = findImage(bytes)
    if (!image) return { ok: false, decoder: 'image', error: 'This payload is not a PNG, JPEG, GIF or WebP image (raw or base64); its first bytes match none of them.' }
    const kind = image.mime.slice('image/'.length).toUpperCase()
    const summary = `${kind} image ${image.width}×${image.height}, ${formatByteSize(image.bytes.length)}${image.base64 ? ' (base64)' : ''}`
    return { ok: true, decoder: 'image', decoded: { kind: 'image', image }, summary }
  }
}
