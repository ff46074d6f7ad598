import type { Profile, PublishDraft, PublishHistoryEntry, RequestHistoryEntry } from '../../shared/contract'
import type { ProfileService } from './profileService'
import { exportProfiles, writeExportFile } from './profileTransfer'
import type { PublishHistory } from './publishHistory'
import type { RequestHistory, SettledRequest } from './requestHistory'

/** What an export returns: the document, and the file it was written to when one was asked for. */
export type ExportOutcome = ReturnType<typeof exportProfiles> & { filePath?: string }

/** Operations that span the profiles and their publish and request history, so each profile request is one call. */
export class ProfileLibrary {
  constructor(
    private readonly profiles: ProfileService,
    private readonly history: PublishHistory,
    private readonly requests: RequestHistory
  ) {}

  /** Told of each profile deleted, after its own files went: what other services keep of it goes too. */
  private readonly deleteListeners = new Set<(id: string) => void>()

  /** Deletes a profile with its publish and request history; returns the profiles left. */
  delete(id: string): Profile[] {
    const remaining = this.profiles.delete(id)
    this.history.forget(id)
    this.requests.forget(id)
    for (const listener of this.deleteListeners) listener(id)
    return remaining
  }

  onDelete(listener: (id: string) => void): () => void {
    this.deleteListeners.add(listener)
    return () => this.deleteListeners.delete(listener)
  }

  /** A saved profile's requests and replies (a sentence error when there is no such profile). */
  requestsOf(profileId: string): RequestHistoryEntry[] {
    this.profiles.get(profileId)
    return this.requests.entries(profileId)
  }

  /** Keeps a request that has ended in its profile's history; one whose profile was deleted meanwhile is dropped. */
  recordRequest(profileId: string, request: SettledRequest): void {
    if (this.profiles.list().some((profile) => profile.id === profileId)) this.requests.add(profileId, request)
  }

  clearRequests(profileId: string): RequestHistoryEntry[] {
    this.profiles.get(profileId)
    return this.requests.clear(profileId)
  }

  /** A saved profile's publish history (a sentence error when there is no such profile). */
  historyOf(profileId: string): PublishHistoryEntry[] {
    this.profiles.get(profileId)
    return this.history.entries(profileId)
  }

  /** Keeps a sent message in a saved profile's history. */
  addToHistory(profileId: string, entry: PublishDraft): PublishHistoryEntry[] {
    this.profiles.get(profileId)
    return this.history.add(profileId, entry)
  }

  /** Exports profiles, writing the file too when `filePath` is given (mode 0600 with secrets). */
  async export(request: { ids?: string[] | undefined; includeSecrets: boolean; filePath?: string | undefined }): Promise<ExportOutcome> {
    const result = exportProfiles(this.profiles, { ...(request.ids && { ids: request.ids }), includeSecrets: request.includeSecrets })
    if (request.filePath === undefined) return result
    await writeExportFile(request.filePath, result.json, request.includeSecrets)
    return { ...result, filePath: request.filePath }
  }
}
