// One interface for every payload decoder. Decoders are pure: bytes (and the topic, and what the connection
// learned so far) in, a value to show, a one-line summary and, on failure, a sentence out. They never run
// on ingest; a view or a query calls them.

/** Every decoder a user can pick for a topic filter; `auto` in a pin means detect.ts chooses. */
export const DECODER_IDS = ['text', 'json', 'hex', 'base64', 'cbor', 'msgpack', 'image', 'protobuf', 'sparkplug'] as const
export type DecoderId = (typeof DECODER_IDS)[number]

/** A picture found in a payload. */
export interface DecodedImage {
  mime: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp'
  width: number
  height: number
  /** The image file itself (decoded from base64 when the payload was base64 text). */
  bytes: Uint8Array
  /** Whether the payload was base64 text rather than raw image bytes. */
  base64: boolean
}

/**
 * A decoded payload as views show it. `value` trees hold plain JSON-like values plus `bigint` (64-bit
 * integers kept exact), `Uint8Array` (byte strings) and `Map` (CBOR/MessagePack maps with non-string keys).
 */
export type Decoded =
  /** `invalidBytes`: how many invalid UTF-8 sequences the text shows as U+FFFD. */
  | { kind: 'text'; text: string; invalidBytes: number }
  | { kind: 'value'; value: unknown }
  | { kind: 'bytes'; text: string }
  | { kind: 'image'; image: DecodedImage }
  | { kind: 'sparkplug'; message: unknown }

/** The outcome of one decode: what to show and a short summary for tree rows, or a plain sentence. */
export type DecodeResult =
  | { ok: true; decoder: DecoderId; decoded: Decoded; summary: string }
  | { ok: false; decoder: DecoderId; error: string }

/** What a decoder reads: the raw bytes (the truth, kept by the model) and the topic they came on. */
export interface DecodeInput {
  bytes: Uint8Array
  topic: string
}

/** A payload decoder; `Context` is what it needs beyond the bytes (schemas, per-connection state). */
export interface PayloadDecoder<Context = unknown> {
  id: DecoderId
  /** The name users see in the decoder menu. */
  label: string
  /** Whether auto-detection may pick this decoder: true only when a wrong guess is impossible in practice. */
  detects(input: DecodeInput, context: Context): boolean
  decode(input: DecodeInput, context: Context): DecodeResult
}

/** Summaries fit a tree row: one line, at most this many characters. */
export const SUMMARY_LENGTH = 120

/** Cuts text to one summary line. */
export function summaryLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > SUMMARY_LENGTH ? `${line.slice(0, SUMMARY_LENGTH - 1)}…` : line
}
