import type { z } from 'zod'
import {
  profileSaveSchema,
  subscriptionSchema,
  UserFacingError,
  type PeerSkipped,
  type profileConnectionOptionsSchema,
  type Subscription
} from '../../../shared/contract'
import { describeIssue } from '../profileTransfer'

/** A certificate the other app keeps inside its own file; `placeholder` stands in its TLS path until it is written out. */
export interface InlineFile {
  placeholder: string
  fileName: string
  data: Uint8Array
}

/** A connection as a parser read it, before the profile rules are checked. */
export interface RawDraft {
  name: string
  /** The other app's id of the connection, when it has one: the preview's key, so a file changed meanwhile cannot swap connections. */
  sourceId?: string
  options: z.input<typeof profileConnectionOptionsSchema>
  password?: string
  subscriptions: z.input<typeof subscriptionSchema>[]
  group?: string
  inlineFiles: InlineFile[]
  /** Settings of this connection that could not be mapped, each as a sentence. */
  notes: string[]
}

/** A connection that passed the profile rules: ready for profile:save (the password is sealed there). */
export type ProfileDraft = Omit<z.output<typeof profileSaveSchema>, 'subscriptions'> & { key: string; subscriptions: Subscription[]; inlineFiles: InlineFile[] }

/** What every parser returns. */
export interface PeerParseResult {
  candidates: ProfileDraft[]
  skipped: PeerSkipped[]
}

/** What a raw draft already carries; `rest` is what the caller adds. */
export function rawDraft(name: string, rest: Omit<RawDraft, 'name' | 'inlineFiles' | 'notes'> & Partial<Pick<RawDraft, 'inlineFiles' | 'notes'>>): RawDraft {
  return { name, inlineFiles: [], notes: [], ...rest }
}

/** Placeholder TLS path of an inline certificate, e.g. "inline/ca/ca.crt". */
export function inlinePlaceholder(kind: 'ca' | 'cert' | 'key', fileName: string): string {
  return `inline/${kind}/${fileName}`
}

/** A client certificate needs its key: when only one of the two is there, neither is kept and a note says why. */
export function clientPair<T>(cert: T | undefined, key: T | undefined, notes: string[]): { cert: T; key: T } | undefined {
  if (cert !== undefined && key !== undefined) return { cert, key }
  if (cert !== undefined || key !== undefined) {
    notes.push(`It has a ${cert !== undefined ? 'client certificate without its key' : 'client key without its certificate'}; a client certificate needs both, so it is left out.`)
  }
  return undefined
}

/**
 * Checks each draft against the profile rules: a subscription that breaks them is left out with its
 * reason, a connection that breaks them is skipped whole with its reason.
 */
export function checkDrafts(raws: RawDraft[]): PeerParseResult {
  const result: PeerParseResult = { candidates: [], skipped: [] }
  const keys = new Set<string>()
  for (const [index, raw] of raws.entries()) {
    const key = raw.sourceId !== undefined && raw.sourceId.length <= 100 && !keys.has(raw.sourceId) ? raw.sourceId : `#${index}`
    keys.add(key)
    const subscriptions: Subscription[] = []
    for (const entry of raw.subscriptions) {
      const parsed = subscriptionSchema.safeParse(entry)
      if (parsed.success) subscriptions.push(parsed.data)
      else {
        const issue = parsed.error.issues[0]
        raw.notes.push(`The subscription "${String(entry.filter)}" is left out: ${describeIssue(issue && { ...issue, path: [] })}`)
      }
    }
    const kept = subscriptions.slice(0, 500)
    if (subscriptions.length > kept.length) raw.notes.push(`Only the first 500 of its ${subscriptions.length} subscriptions are kept (a profile keeps at most 500).`)
    const parsed = profileSaveSchema.safeParse({
      name: raw.name,
      options: raw.options,
      subscriptions: kept,
      ...(raw.password !== undefined && { password: raw.password }),
      ...(raw.group !== undefined && { group: raw.group })
    })
    if (!parsed.success) {
      result.skipped.push({ name: raw.name, reason: capitalized(describeIssue(parsed.error.issues[0])), wholeConnection: true })
      continue
    }
    result.candidates.push({ ...parsed.data, key, subscriptions: kept, inlineFiles: raw.inlineFiles })
    for (const reason of raw.notes) result.skipped.push({ name: raw.name, reason, wholeConnection: false })
  }
  return result
}

function capitalized(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1)
}

/** The error for a file that cannot be read at all: it names the file, and nothing is imported. */
export function damagedFile(fileLabel: string, expected: string, detail: string, hint: string): UserFacingError {
  return new UserFacingError('invalid-argument', `${fileLabel} could not be read as ${expected} (${detail}), so nothing was imported. ${hint}`)
}

/** The first line of whatever was thrown (YAML errors go on with a drawing of the place). */
export function detailOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return (message.split('\n')[0] ?? '').trim().replace(/[.:]$/, '')
}

// Small readers for the loosely typed values of other apps' files (SQLite gives 0/1 and strings, JSON gives booleans and numbers).

export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return undefined
}

export function nonEmpty(value: unknown): string | undefined {
  const s = text(value)
  return s === undefined || s.trim() === '' ? undefined : s
}

export function integer(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined
}

export function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (value === 1 || value === '1' || value === 'true') return true
  if (value === 0 || value === '0' || value === 'false') return false
  return undefined
}

export function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}
