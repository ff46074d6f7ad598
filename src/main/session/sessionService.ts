import type { ConnectionStatus, Profile, SubscriptionResult } from '../../shared/contract'
import type { ProfileDecoders } from '../../shared/decoders'
import type { ConnectionManager } from '../mqtt/connectionManager'
import type { EventSink } from '../ports/eventSink'
import type { ProfileService } from '../profiles'

/** Secrets typed for one connection attempt; they are used and never saved. */
export interface OneTimeSecrets {
  password?: string
  keyPassphrase?: string
}

/** What connectProfile did: the broker's answer to each of the profile's subscriptions. */
export interface ProfileConnected {
  connectionId: string
  subscriptions: SubscriptionResult[]
}

/** Where a connection of a profile that keeps its history on disk has it restored and kept (HistoryKeeper). */
export interface HistoryPort {
  open(connectionId: string, profile: Profile): void
  close(connectionId: string): void
}

/** One open connection's tie to the profile it was opened from. */
interface Link {
  profileId: string
}

/**
 * The open connections of saved profiles (an app session, not the MQTT session): which profile each
 * connection came from, so status events and the connection list carry its profileId.
 */
export class SessionService {
  private readonly links = new Map<string, Link>()
  private readonly stopStatus: () => void

  constructor(
    private readonly connections: ConnectionManager,
    private readonly profiles: ProfileService,
    emit: EventSink,
    private readonly history?: HistoryPort
  ) {
    this.stopStatus = connections.onStatus((status) => emit('connection:status', this.withProfile(status)))
  }

  /** Opens `connectionId` with the profile's options (secrets opened here only) and subscribes its filters. */
  async connectProfile(connectionId: string, profileId: string, secrets: OneTimeSecrets = {}): Promise<ProfileConnected> {
    const options = this.profiles.resolveConnectionOptions(profileId, secrets)
    const profile = this.profiles.get(profileId)
    const { subscriptions } = profile
    // Linked before connecting, so the status events of this very attempt carry the profileId; an id that
    // is already open keeps its own link (connect refuses it).
    const link: Link | undefined = this.links.has(connectionId) ? undefined : { profileId }
    if (link) this.links.set(connectionId, link)
    // The kept history goes into the model before the broker's first message can.
    if (link && profile.options.keepHistory) this.history?.open(connectionId, profile)
    try {
      await this.connections.connect(connectionId, options)
    } catch (error) {
      if (link && this.links.get(connectionId) === link) {
        this.links.delete(connectionId)
        this.history?.close(connectionId)
      }
      throw error
    }
    return { connectionId, subscriptions: subscriptions.length > 0 ? await this.connections.subscribe(connectionId, subscriptions) : [] }
  }

  /** Closes the connection and forgets its profile (its last status still names the profile). */
  async disconnect(connectionId: string): Promise<void> {
    const link = this.links.get(connectionId)
    try {
      await this.connections.disconnect(connectionId)
    } finally {
      if (this.links.get(connectionId) === link) this.links.delete(connectionId)
      this.history?.close(connectionId)
    }
  }

  /** The profile a connection was opened from, if it came from one. */
  profileIdOf(connectionId: string): string | undefined {
    return this.links.get(connectionId)?.profileId
  }

  /** The ready decoder settings of the profile a connection came from; undefined without one. */
  decodersOf(connectionId: string): ProfileDecoders | undefined {
    const profileId = this.profileIdOf(connectionId)
    return profileId === undefined ? undefined : this.profiles.decoders(profileId)
  }

  /** Every connection main holds, with the profile it was opened from. */
  list(): ConnectionStatus[] {
    return this.connections.list().map((status) => this.withProfile(status))
  }

  /** Stops sending status events; the connections themselves are closed by their manager. */
  dispose(): void {
    this.stopStatus()
    this.links.clear()
  }

  private withProfile(status: ConnectionStatus): ConnectionStatus {
    const link = this.links.get(status.connectionId)
    return link ? { ...status, profileId: link.profileId } : status
  }
}
