import { z } from 'zod'
import { bytesSchema } from './common'
import type { Subscription } from './connection'
import { defineRequest } from './define'
import type { Profile, ProfileConnectionOptions } from './profiles'

// Importing connections from other MQTT clients. The preview carries no secrets: it says whether a
// password was found, and the import step reads the file again in main to take it from there.

/** The other apps whose connections can be imported. */
export const peerAppSchema = z.enum(['mqtt-explorer', 'mqttx'])
export type PeerApp = z.infer<typeof peerAppSchema>

/** Largest peer file accepted, in bytes (an MQTTX database with messages can be large). */
export const MAX_PEER_FILE_BYTES = 200 * 1024 * 1024

/** The file to read: a path on the machine running main (desktop app), or the bytes the browser read from a file the user picked. */
export const peerFileSchema = z.union([
  z.object({ path: z.string().min(1).max(4096) }),
  z.object({
    name: z.string().min(1).max(500),
    bytes: bytesSchema.refine((b) => b.byteLength <= MAX_PEER_FILE_BYTES, {
      message: `The file is larger than ${MAX_PEER_FILE_BYTES / 1024 / 1024} MB, so it is not read. Choose the settings, export or database file itself.`
    })
  })
])
export type PeerFile = z.infer<typeof peerFileSchema>

/** One connection found in the other app's file that can become a profile. */
export interface PeerCandidate {
  /** Picks this candidate in profile:importPeerProfiles: the other app's id of the connection (`#<position>` when it has none). */
  key: string
  name: string
  options: ProfileConnectionOptions
  subscriptions: Subscription[]
  group?: string
  /** A password was found (in clear); it is encrypted when the profile is saved. */
  hasPassword: boolean
  /** Certificates kept inside the other app's file; they are written as files in the app's data folder on import. */
  inlineFiles: string[]
}

/** A connection, or one of its settings, that cannot be brought over, and why, as a sentence. */
export interface PeerSkipped {
  /** The connection's name in the other app. */
  name: string
  reason: string
  /** True when the whole connection is left out; false when only this setting is. */
  wholeConnection: boolean
}

/** What an import of this file would do. */
export interface PeerPreview {
  app: PeerApp
  /** What kind of file it was, in words: "MQTT Explorer settings", "MQTTX export (YAML)", "MQTTX database". */
  kind: string
  candidates: PeerCandidate[]
  skipped: PeerSkipped[]
}

/** A file of another app found in its default place on this machine. */
export interface PeerDataFile {
  app: PeerApp
  path: string
  /** In words, e.g. "MQTTX database". */
  kind: string
}

const peerSourceSchema = z.object({ app: peerAppSchema, file: peerFileSchema })

export const peerImportRequests = {
  /** Files of MQTT Explorer and MQTTX in their default places; desktop app only (in headless mode the server's disk is not the user's). */
  'profile:findPeerData': defineRequest<{ files: PeerDataFile[] }>()(z.object({})),
  /** Reads another app's file and says which connections would be imported and what cannot be mapped; saves nothing. */
  'profile:previewPeerImport': defineRequest<PeerPreview>()(peerSourceSchema),
  /** Imports the chosen candidates of the same file as new profiles, all in one write; passwords are encrypted as they are saved. */
  'profile:importPeerProfiles': defineRequest<{ imported: Profile[]; profiles: Profile[] }>()(
    peerSourceSchema.extend({
      keys: z.array(z.string().min(1).max(100)).min(1, 'Choose at least one connection to import.').max(1000),
      /** False leaves the passwords found out (for example where no system keychain can keep them). */
      passwords: z.boolean().default(true)
    })
  )
} as const
