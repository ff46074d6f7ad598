import { MAX_RECORDING_IMPORT_BYTES, RECORDING_IMPORT_TOO_LARGE, type ArgsOf, type RecordingExportFormat, type RecordingSummary, type ReplayStatus } from '@shared/contract'
import { errorMessage } from '../../lib/errorMessage'
import { recordingService } from '../../services/recording'
import type { RecordingsState } from './initialState'

type Set = (partial: Partial<RecordingsState>) => void
type Get = () => RecordingsState

/** What the user sets before recording: a name, filters (none: everything) and limits. */
export interface RecordingRequest {
  name?: string
  filters: string[]
  maxMegabytes?: number
  maxMinutes?: number
}

export interface RecordingsActions {
  start(connectionId: string, request: RecordingRequest): Promise<boolean>
  stop(connectionId: string): Promise<void>
  /** An active recording's counts, or how it ended (the recording:status event). */
  applyStatus(status: RecordingSummary): void
  load(): Promise<void>
  remove(recordingId: string): Promise<void>
  /** Starts replaying a recording onto an open connection; false (with the sentence in `error`) when refused. */
  replay(request: Omit<ArgsOf<'recording:replay'>, 'replayId'>): Promise<boolean>
  controlReplay(replayId: string, action: 'pause' | 'resume' | 'cancel'): Promise<void>
  /** A replay's counts, or how it ended (the recording:replayStatus event). */
  applyReplayStatus(status: ReplayStatus): void
  /** A recording as a JSON Lines or CSV file to save, or null when it failed (the error says why). */
  exportFile(recordingId: string, format: RecordingExportFormat): Promise<{ fileName: string; bytes: Uint8Array } | null>
  /** Reads a JSON Lines export the user chose into a new recording and lists it. */
  importFile(file: Blob): Promise<void>
}

export function createRecordingsActions(set: Set, get: Get): RecordingsActions {
  const keep = (summary: RecordingSummary): void => {
    set({ byConnection: { ...get().byConnection, [summary.connectionId]: summary }, error: null })
    const listed = get().list
    if (listed.some((r) => r.id === summary.id)) set({ list: listed.map((r) => (r.id === summary.id ? summary : r)) })
  }
  const failed = (error: unknown): void => set({ error: errorMessage(error), notice: null })
  const actions: RecordingsActions = {
    async start(connectionId, request) {
      try {
        keep(await recordingService.start({ connectionId, ...request }))
        await actions.load()
        return true
      } catch (error) {
        failed(error)
        return false
      }
    },
    async stop(connectionId) {
      try {
        keep(await recordingService.stop({ connectionId }))
      } catch (error) {
        failed(error)
      }
    },
    applyStatus(status) {
      keep(status)
    },
    async load() {
      try {
        set({ list: (await recordingService.list({})).recordings })
      } catch (error) {
        failed(error)
      }
    },
    async replay(request) {
      try {
        actions.applyReplayStatus(await recordingService.replay({ ...request, replayId: crypto.randomUUID() }))
        set({ error: null })
        return true
      } catch (error) {
        failed(error)
        return false
      }
    },
    async controlReplay(replayId, action) {
      try {
        actions.applyReplayStatus(await recordingService.replayControl({ replayId, action }))
      } catch (error) {
        failed(error)
      }
    },
    applyReplayStatus(status) {
      const known = get().replays[status.recordingId]
      // A late status of an earlier replay of the same recording does not replace the newer one.
      if (known && known.replayId !== status.replayId && known.state === 'running') return
      set({ replays: { ...get().replays, [status.recordingId]: status } })
    },
    async remove(recordingId) {
      try {
        await recordingService.delete({ recordingId })
        await actions.load()
      } catch (error) {
        failed(error)
      }
    },
    async exportFile(recordingId, format) {
      try {
        const file = await recordingService.export({ recordingId, format })
        set({ error: null })
        return file
      } catch (error) {
        failed(error)
        return null
      }
    },
    async importFile(file) {
      if (file.size > MAX_RECORDING_IMPORT_BYTES) return failed(new Error(RECORDING_IMPORT_TOO_LARGE))
      try {
        const imported = await recordingService.import({ bytes: new Uint8Array(await file.arrayBuffer()) })
        set({ error: null, notice: `Imported "${imported.name}" (${imported.written.toLocaleString('en')} messages).` })
        await actions.load()
      } catch (error) {
        failed(error)
      }
    }
  }
  return actions
}
