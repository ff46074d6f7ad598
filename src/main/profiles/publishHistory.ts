import { z } from 'zod'
import {
  PUBLISH_HISTORY_BYTES_LIMIT,
  PUBLISH_HISTORY_LIMIT,
  profileIdSchema,
  publishDraftSchema,
  type PublishDraft,
  type PublishHistoryEntry
} from '../../shared/contract'
import { stringifyWithBytes } from './jsonBytes'
import { UnreadableDocument, type DocumentKind } from './versionedDocument'

const storedEntrySchema = publishDraftSchema.extend({ id: profileIdSchema, publishedAt: z.number() })

/** The publish-history file: entries per profile id, newest first. Kept apart so a publish never rewrites profiles. */
export interface PublishHistoryDocument {
  byProfile: Record<string, PublishHistoryEntry[]>
}

export const publishHistoryDocumentKind: DocumentKind<PublishHistoryDocument> = {
  name: 'publish-history',
  version: 1,
  migrations: {},
  parse(document) {
    const raw = document['byProfile']
    const byProfile: Record<string, PublishHistoryEntry[]> = {}
    let dropped = 0
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new UnreadableDocument('it has no history by profile')
    for (const [profileId, entries] of Object.entries(raw)) {
      const list: unknown[] = Array.isArray(entries) ? entries : [entries]
      byProfile[profileId] = list.flatMap((entry) => {
        const parsed = storedEntrySchema.safeParse(entry)
        if (!parsed.success) dropped++
        return parsed.success ? [parsed.data] : []
      })
    }
    return { value: { byProfile }, dropped }
  },
  empty: () => ({ byProfile: {} }),
  toDocument: (value) => ({ byProfile: value.byProfile })
}

/** Same content (id and time aside); cheap fields first so a long history is not serialized per publish. */
function sameMessage(a: PublishDraft, b: PublishDraft): boolean {
  return (
    a.topic === b.topic &&
    a.qos === b.qos &&
    a.retain === b.retain &&
    a.payloadFormat === b.payloadFormat &&
    Buffer.compare(a.payload, b.payload) === 0 &&
    stringifyWithBytes(a.properties ?? null) === stringifyWithBytes(b.properties ?? null)
  )
}

/** Keeps the newest entries within both the count and the byte budget (the newest is always kept). */
function bound(entries: PublishHistoryEntry[]): PublishHistoryEntry[] {
  let bytes = 0
  const kept: PublishHistoryEntry[] = []
  for (const entry of entries) {
    bytes += entry.payload.byteLength
    if (kept.length > 0 && (kept.length >= PUBLISH_HISTORY_LIMIT || bytes > PUBLISH_HISTORY_BYTES_LIMIT)) break
    kept.push(entry)
  }
  return kept
}

/** Messages published per profile, newest first, bounded by count and bytes. */
export class PublishHistory {
  constructor(
    private document: PublishHistoryDocument,
    private readonly save: (document: PublishHistoryDocument) => void,
    private readonly newId: () => string,
    private readonly now: () => number
  ) {}

  entries(profileId: string): PublishHistoryEntry[] {
    return structuredClone(this.document.byProfile[profileId] ?? [])
  }

  /** Adds a message on top; the same message sent again moves up instead of repeating. */
  add(profileId: string, draft: PublishDraft): PublishHistoryEntry[] {
    const previous = (this.document.byProfile[profileId] ?? []).filter((entry) => !sameMessage(entry, draft))
    const entry: PublishHistoryEntry = { ...structuredClone(draft), id: this.newId(), publishedAt: this.now() }
    this.replace(profileId, bound([entry, ...previous]))
    return this.entries(profileId)
  }

  clear(profileId: string): PublishHistoryEntry[] {
    this.replace(profileId, undefined)
    return []
  }

  /** Drops the history of a deleted profile. */
  forget(profileId: string): void {
    if (this.document.byProfile[profileId]) this.replace(profileId, undefined)
  }

  private replace(profileId: string, entries: PublishHistoryEntry[] | undefined): void {
    const byProfile = { ...this.document.byProfile }
    if (entries) byProfile[profileId] = entries
    else delete byProfile[profileId]
    const next = { byProfile }
    this.save(next)
    this.document = next
  }
}
