import { decoderPrefsSchema, UserFacingError, type ReceivedMessage, type RecordingBrowse } from '../../shared/contract'
import { profileDecoders, type ProfileDecoders } from '../../shared/decoders'
import type { RecordingFile } from './recordingFile'
import { receivedMessageOf } from './recordingSchema'

/** What browsing needs of the model service: filling a connection's model, and starting it over. */
export interface BrowseModel {
  ingest(connectionId: string, message: ReceivedMessage): void
  /** Forgets the connection's model; every page's stream of it resets. */
  clear(connectionId: string): number
}

export interface RecordingBrowserOptions {
  open: (recordingId: string) => RecordingFile
  model: BrowseModel
}

/** Loading hands the event loop back this often, so deltas, acks and other requests go on while a big recording loads. */
const SLICE_MS = 25
/** Recording tabs open at once (each holds a model); opening one more closes the one opened first. */
export const MAX_BROWSE_TABS = 8

interface Tab {
  file: RecordingFile
  recordingId: string
  name: string
  profileName: string | null
  decoders: ProfileDecoders | undefined
  span: { firstAt: number; lastAt: number } | null
  total: number
  /** The model holds the messages up to row `lastId` received at or before `at`. */
  at: number
  lastId: number
  loaded: number
  /** Counts the seeks: a load whose number is no longer the tab's stops at its next slice. */
  generation: number
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** The recorded profile's name and decoder settings, when the file holds them in a form this version reads. */
function recordedProfile(profile: unknown): { name: string | null; decoders: ProfileDecoders | undefined } {
  if (typeof profile !== 'object' || profile === null) return { name: null, decoders: undefined }
  const { name, decoders } = profile as { name?: unknown; decoders?: unknown }
  const prefs = decoderPrefsSchema.safeParse(decoders)
  return { name: typeof name === 'string' ? name : null, decoders: prefs.success ? profileDecoders(prefs.data) : undefined }
}

/**
 * Recordings opened as read-only tabs: each tab's model holds the recording's messages up to the moment the tab
 * shows, so the tree, history, viewer, search and charts work on it as on a live connection. Moving forward
 * adds the messages in between; moving back starts the model over. Receive times are taken to grow with the row
 * order (they are stamped as messages arrive), which is what makes the forward step exact.
 */
export class RecordingBrowser {
  private readonly tabs = new Map<string, Tab>()

  constructor(private readonly options: RecordingBrowserOptions) {}

  /** Opens a recording under `connectionId` and loads it up to `at` (null: to its end). */
  async browse(connectionId: string, recordingId: string, at: number | null): Promise<RecordingBrowse> {
    this.close(connectionId)
    const oldest = this.tabs.keys().next()
    if (this.tabs.size >= MAX_BROWSE_TABS && !oldest.done) this.close(oldest.value)
    const file = this.options.open(recordingId)
    let tab: Tab
    try {
      const meta = file.meta()
      const profile = recordedProfile(meta.profile)
      const span = file.span()
      tab = { file, recordingId, name: meta.name, profileName: profile.name, decoders: profile.decoders, span, total: file.messageCount(), at: -Infinity, lastId: 0, loaded: 0, generation: 0 }
    } catch (error) {
      file.close()
      throw error
    }
    this.tabs.set(connectionId, tab)
    return this.load(connectionId, tab, at ?? tab.span?.lastAt ?? 0)
  }

  /** Shows the tab as it was at `at`. */
  seek(connectionId: string, at: number): Promise<RecordingBrowse> {
    const tab = this.tabs.get(connectionId)
    if (!tab) throw new UserFacingError('not-found', 'This recording tab is closed. Open the recording again from the list of recordings.')
    return this.load(connectionId, tab, at)
  }

  /** Closes a recording tab: its file, and its model on every page. */
  close(connectionId: string): boolean {
    const tab = this.tabs.get(connectionId)
    if (!tab) return false
    tab.generation++
    this.tabs.delete(connectionId)
    tab.file.close()
    this.options.model.clear(connectionId)
    return true
  }

  /** The recorded profile's decoder settings, for the viewer's and the charts' `auto` decoding. */
  decodersOf(connectionId: string): ProfileDecoders | undefined {
    return this.tabs.get(connectionId)?.decoders
  }

  /** Whether a recording is open in a tab (its file is then in use). */
  isOpen(recordingId: string): boolean {
    for (const tab of this.tabs.values()) if (tab.recordingId === recordingId) return true
    return false
  }

  /** Whether a connection id is a recording tab's. */
  has(connectionId: string): boolean {
    return this.tabs.has(connectionId)
  }

  dispose(): void {
    for (const id of [...this.tabs.keys()]) this.close(id)
  }

  private async load(connectionId: string, tab: Tab, requested: number): Promise<RecordingBrowse> {
    const at = tab.span ? Math.min(Math.max(requested, tab.span.firstAt), tab.span.lastAt) : requested
    const generation = ++tab.generation
    if (at < tab.at) {
      this.options.model.clear(connectionId)
      tab.lastId = 0
      tab.loaded = 0
    }
    tab.at = at
    const { file } = tab
    let sliceStart = performance.now()
    for (const message of file.messages({ afterId: tab.lastId, untilMicros: Math.floor(at * 1000) })) {
      this.options.model.ingest(connectionId, receivedMessageOf(message))
      tab.lastId = file.lastReadId
      tab.loaded++
      if ((tab.loaded & 1023) === 0 && performance.now() - sliceStart > SLICE_MS) {
        await yieldToLoop()
        if (tab.generation !== generation) return { ...this.stateOf(connectionId, tab), superseded: true }
        sliceStart = performance.now()
      }
    }
    return this.stateOf(connectionId, tab)
  }

  private stateOf(connectionId: string, tab: Tab): RecordingBrowse {
    return {
      connectionId,
      recordingId: tab.recordingId,
      name: tab.name,
      profileName: tab.profileName,
      firstAt: tab.span?.firstAt ?? null,
      lastAt: tab.span?.lastAt ?? null,
      at: tab.at,
      total: tab.total,
      loaded: tab.loaded,
      damage: tab.file.damage,
      superseded: false
    }
  }
}
