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
  const found: string[] = []
  const walk = (node: unknown, path: FieldStep[]): void => {
    if (found.length >= limit) return
    if (node !== null && typeof node === 'object') {
      const entries: Array<[FieldStep, unknown]> = Array.isArray(node) ? node.map((item, i) => [i, item]) : Object.entries(node)
      for (const [step, child] of entries) walk(child, [...path, step])
    } else if (Number.isFinite(plotNumber(node))) found.push(formatFieldPath(path))
  }
  walk(value, [])
  return found
}
