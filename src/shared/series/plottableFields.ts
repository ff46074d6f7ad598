import { utf8DecodeStrict } from '../bytes'
import { formatFieldPath, type FieldStep } from './fieldPath'
import { parseNumberText, plotNumber } from './values'

/**
 * What of one payload can be plotted, as field-path texts in document order: '' when the payload itself is a
 * number (text, a JSON number or numeric string, true/false), else every field of a JSON payload that reads as
 * one. At most `limit` paths, so a huge document offers a short list.
 */
export function plottableFields(bytes: Uint8Array, limit = 50): string[] {
  const text = utf8DecodeStrict(bytes)
  if (text === null) return []
  if (Number.isFinite(parseNumberText(text))) return ['']
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return []
  }
  return plottableValueFields(value, limit)
}

/**
 * The fields of a decoded value (JSON, CBOR, MessagePack, Protobuf, a Sparkplug message's sparkplugFields) that
 * read as numbers, as field-path texts in order; '' when the value itself is one. Byte strings are not walked,
 * and Map keys that are neither text nor numbers cannot be named by a path.
 */
export function plottableValueFields(value: unknown, limit = 50): string[] {
  const found: string[] = []
  const walk = (node: unknown, path: FieldStep[]): void => {
    if (found.length >= limit) return
    if (node !== null && typeof node === 'object' && !(node instanceof Uint8Array) && !(node instanceof Date)) {
      for (const [step, child] of entriesOf(node)) walk(child, [...path, step])
    } else if (Number.isFinite(plotNumber(node))) found.push(formatFieldPath(path))
  }
  walk(value, [])
  return found
}

function entriesOf(node: object): Array<[FieldStep, unknown]> {
  if (Array.isArray(node)) return node.map((item, i) => [i, item])
  if (node instanceof Map) return [...(node as Map<unknown, unknown>)].filter((entry): entry is [FieldStep, unknown] => typeof entry[0] === 'string' || typeof entry[0] === 'number')
  return Object.entries(node)
}
