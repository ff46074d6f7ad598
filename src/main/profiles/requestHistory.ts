import { rmSync } from 'node:fs'
import { join } from 'node:path'
import {
  REQUEST_HISTORY_BYTES_LIMIT,
  REQUEST_HISTORY_LIMIT,
  REQUEST_HISTORY_PAYLOAD_BYTES,
  requestHistoryEntrySchema,
  type RequestHistoryEntry,
  type RequestOutcome
} from '../../shared/contract'
import type { DocumentFileFactory } from './documentFile'
import { openVersionedDocument, UnreadableDocument, type DocumentKind, type OpenedDocument } from './versionedDocument'

/** One profile's request history file. */
interface RequestHistoryDocument {
  entries: RequestHistoryEntry[]
}

/** Used in sentences ("The saved request history file … could not be read") and mapped to the profile's file name. */
const KIND_NAME = 'request history'

const requestHistoryKind: DocumentKind<RequestHistoryDocument> = {
  name: KIND_NAME,
  version: 1,
  migrations: {},
  parse(document) {
    const raw = document['entries']
    if (!Array.isArray(raw)) throw new UnreadableDocument('it has no list of requests')
    let dropped = 0
    const entries = raw.flatMap((entry) => {
      const parsed = requestHistoryEntrySchema.safeParse(entry)
      if (!parsed.success) dropped++
      return parsed.success ? [parsed.data] : []
    })
    return { value: { entries }, dropped }
  },
  empty: () => ({ entries: [] }),
  toDocument: (value) => ({ entries: value.entries })
}

/** A request as sent, with how it ended; payloads still whole (they are cut here). */
export interface SettledRequest {
  sentAt: number
  topic: string
  payload: Uint8Array
  qos: RequestHistoryEntry['qos']
  correlationData: Uint8Array
  responseTopic: string
  outcome: { kind: 'reply'; topic: string; payload: Uint8Array; properties?: ReplyProperties; receivedAt: number; roundTripMs: number } | Exclude<RequestOutcome, { kind: 'reply' }>
}

const cut = (payload: Uint8Array): { payload: Uint8Array<ArrayBuffer>; payloadCut: boolean } => ({
  payload: Uint8Array.from(payload.subarray(0, REQUEST_HISTORY_PAYLOAD_BYTES)),
  payloadCut: payload.byteLength > REQUEST_HISTORY_PAYLOAD_BYTES
})

type ReplyProperties = NonNullable<Extract<RequestOutcome, { kind: 'reply' }>['properties']>

/** mqtt.js hands correlation data over as a Buffer, which JSON would write as a list of numbers (Buffer.toJSON) instead of bytes. */
function plainProperties(properties: ReplyProperties): ReplyProperties {
  const { correlationData } = properties
  return correlationData ? { ...properties, correlationData: Uint8Array.from(correlationData) } : properties
}

const payloadBytes = (entry: RequestHistoryEntry): number => entry.payload.byteLength + (entry.outcome.kind === 'reply' ? entry.outcome.payload.byteLength : 0)

/** Keeps the newest entries within the count and the byte budget (the newest is always kept). */
function bound(entries: RequestHistoryEntry[]): RequestHistoryEntry[] {
  let bytes = 0
  const kept: RequestHistoryEntry[] = []
  for (const entry of entries) {
    bytes += payloadBytes(entry)
    if (kept.length > 0 && (kept.length >= REQUEST_HISTORY_LIMIT || bytes > REQUEST_HISTORY_BYTES_LIMIT)) break
    kept.push(entry)
  }
  return kept
}

/** A profile id as a file name: no separator can lead out of the directory. */
const fileName = (profileId: string): string => encodeURIComponent(profileId)

type Notice = OpenedDocument<unknown>['notices'][number]

/**
 * MQTT 5 requests per profile, newest first, each in its own file `<dataDir>/requests/<profileId>.json` (with its
 * backup copy), so a request rewrites only its profile's file and a damaged one is set aside alone, with a notice.
 */
export class RequestHistory {
  private readonly open = new Map<string, OpenedDocument<RequestHistoryDocument>>()
  private readonly dir: string

  constructor(
    dataDir: string,
    private readonly files: DocumentFileFactory,
    private readonly newId: () => string,
    private readonly now: () => number,
    private readonly report: (notice: Notice) => void
  ) {
    this.dir = join(dataDir, 'requests')
  }

  entries(profileId: string): RequestHistoryEntry[] {
    return structuredClone(this.document(profileId).value.entries)
  }

  add(profileId: string, request: SettledRequest): RequestHistoryEntry[] {
    const { outcome } = request
    const entry: RequestHistoryEntry = {
      id: this.newId(),
      sentAt: request.sentAt,
      topic: request.topic,
      ...cut(request.payload),
      qos: request.qos,
      correlationData: Buffer.from(request.correlationData).toString('hex'),
      responseTopic: request.responseTopic,
      outcome: outcome.kind === 'reply' ? { ...outcome, ...cut(outcome.payload), ...(outcome.properties && { properties: plainProperties(outcome.properties) }) } : outcome
    }
    this.replace(profileId, bound([entry, ...this.document(profileId).value.entries]))
    return this.entries(profileId)
  }

  clear(profileId: string): RequestHistoryEntry[] {
    this.replace(profileId, [])
    return []
  }

  /** Removes a deleted profile's files. */
  forget(profileId: string): void {
    this.open.delete(profileId)
    for (const name of [fileName(profileId), `${fileName(profileId)}.last-good`]) rmSync(this.files({ dir: this.dir, name }).path, { force: true })
  }

  private replace(profileId: string, entries: RequestHistoryEntry[]): void {
    const opened = this.document(profileId)
    const next = { entries }
    opened.save(next)
    opened.value = next
  }

  /** Opens a profile's file on first use; notices about a damaged one go to the user then. */
  private document(profileId: string): OpenedDocument<RequestHistoryDocument> {
    let opened = this.open.get(profileId)
    if (!opened) {
      // The kind's name is in the sentences; the profile id names the files.
      const files: DocumentFileFactory = ({ dir, name }) => this.files({ dir, name: name.replace(KIND_NAME, () => fileName(profileId)) })
      opened = openVersionedDocument(requestHistoryKind, files, this.dir, this.now(), this.report)
      for (const notice of opened.notices) this.report(notice)
      this.open.set(profileId, opened)
    }
    return opened
  }
}
