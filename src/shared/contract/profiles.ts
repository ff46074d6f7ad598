import { z } from 'zod'
import { bytesSchema, connectionIdSchema, payloadFormatSchema, publishPropertiesSchema, qosSchema, topicNameSchema } from './common'
import {
  connectionOptionsSchema,
  subscriptionSchema,
  tlsOptionsSchema,
  type Subscription,
  type SubscriptionResult
} from './connection'
import { chartsSchema, type ChartDefinition } from './charts'
import { decoderPrefsSchema, type DecoderPrefs } from './decoderPrefs'
import { sequencesSchema, type Sequence } from './sequences'
import { defineEvent, defineRequest } from './define'

// Secrets (the MQTT password and the TLS key passphrase) travel renderer → main only, when saving or
// connecting. A profile read back says whether each secret is set, never what it is.

export const profileIdSchema = z.string().min(1).max(100)

/** Subscriptions a new profile starts with. */
export const defaultSubscriptions: Subscription[] = [
  { filter: '#', qos: 0 },
  { filter: '$SYS/#', qos: 0 }
]

/** TLS settings as a profile keeps them: the key passphrase travels separately (see `keyPassphrase`). */
export const profileTlsOptionsSchema = tlsOptionsSchema.omit({ keyPassphrase: true })

/** ConnectionOptions without secrets: what a profile stores in clear and what the renderer reads back. */
export const profileConnectionOptionsSchema = connectionOptionsSchema
  .omit({ password: true, tls: true })
  // keepHistory: keep the connection's messages on disk, shown again when it opens after a restart (HistoryKeeper).
  .extend({ tls: profileTlsOptionsSchema.optional(), keepHistory: z.boolean().default(false) })
export type ProfileConnectionOptions = z.infer<typeof profileConnectionOptionsSchema>

/** A secret on save: a string sets it, null clears it, leaving it out keeps the stored one. */
export const secretInputSchema = z.string().max(65_535).nullable().optional()

export const profileNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the profile a name.')
  .max(200, 'Keep the profile name under 200 characters.')

export const profileColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Pick the colour as #rrggbb.')
export const profileGroupSchema = z.string().trim().max(100, 'Keep the group name under 100 characters.')

/** A place in a profile where a problem was found, and the sentence to show there. */
export interface ProfileIssue {
  path: (string | number)[]
  message: string
}

const TLS_ONLY = 'TLS settings apply only to mqtts:// and wss:// connections. Switch the protocol to mqtts or wss, or clear the TLS fields.'

function hasTlsContent(tls: ProfileConnectionOptions['tls']): boolean {
  if (!tls) return false
  return (
    tls.caFiles.length > 0 ||
    tls.certFile !== undefined ||
    tls.keyFile !== undefined ||
    tls.servername !== undefined ||
    tls.alpnProtocols.length > 0 ||
    tls.keyLogFile !== undefined ||
    !tls.rejectUnauthorized
  )
}

/**
 * Rules that span fields (one field alone cannot tell): TLS only with mqtts/wss, a client certificate
 * needs its key, MQTT 5 settings need MQTT 5. The UI shows these beside the fields while editing.
 */
export function profileIssues(
  options: ProfileConnectionOptions,
  subscriptions: Subscription[] = [],
  secrets: { keyPassphrase?: boolean } = {}
): ProfileIssue[] {
  const issues: ProfileIssue[] = []
  const secure = options.protocol === 'mqtts' || options.protocol === 'wss'
  if (!secure && (hasTlsContent(options.tls) || secrets.keyPassphrase)) issues.push({ path: ['options', 'tls'], message: TLS_ONLY })
  const tls = options.tls
  if (tls && (tls.certFile === undefined) !== (tls.keyFile === undefined)) {
    issues.push({
      path: ['options', 'tls', tls.certFile === undefined ? 'certFile' : 'keyFile'],
      message: 'A client certificate needs both the certificate file and its key file.'
    })
  }
  if (tls?.keyLogFile !== undefined && options.protocol === 'wss') {
    issues.push({ path: ['options', 'tls', 'keyLogFile'], message: 'The TLS key log works on mqtts:// connections only (the WebSocket library keeps its TLS socket to itself). Use mqtts, or clear the key log file.' })
  }
  if ((options.protocol === 'ws' || options.protocol === 'wss') && !options.path.startsWith('/')) {
    issues.push({ path: ['options', 'path'], message: 'The WebSocket path must start with "/", for example /mqtt.' })
  }
  if (options.protocolVersion !== 5) {
    if (options.sessionExpiryInterval !== undefined) {
      issues.push({ path: ['options', 'sessionExpiryInterval'], message: 'Session expiry is an MQTT 5.0 setting. Choose MQTT 5.0 or clear it.' })
    }
    if (options.will?.properties !== undefined) {
      issues.push({ path: ['options', 'will', 'properties'], message: 'Last-will properties need MQTT 5.0. Choose MQTT 5.0 or remove them.' })
    }
    subscriptions.forEach((s, index) => {
      if (s.noLocal || s.retainAsPublished || (s.retainHandling ?? 0) !== 0) {
        issues.push({
          path: ['subscriptions', index],
          message: `The subscription "${s.filter}" uses MQTT 5.0 options (no local, retain as published, retain handling). Choose MQTT 5.0 or turn them off.`
        })
      }
    })
  }
  return issues
}

/** Create (no id) or update a profile; on update an absent field keeps its value. Cross-field rules are checked too (see profileIssues). */
export const profileSaveSchema = z
  .object({
    /** Absent: create a new profile. */
    id: profileIdSchema.optional(),
    name: profileNameSchema,
    options: profileConnectionOptionsSchema,
    password: secretInputSchema,
    keyPassphrase: secretInputSchema,
    /** Absent: a new profile gets defaultSubscriptions, an existing one keeps its own. */
    subscriptions: z.array(subscriptionSchema).max(500, 'A profile keeps at most 500 subscriptions.').optional(),
    color: profileColorSchema.nullable().optional(),
    group: profileGroupSchema.nullable().optional(),
    /** Absent: a new profile gets empty decoder settings, an existing one keeps its own. */
    decoders: decoderPrefsSchema.optional()
  })
  .superRefine((value, ctx) => {
    for (const issue of profileIssues(value.options, value.subscriptions ?? [], { keyPassphrase: typeof value.keyPassphrase === 'string' && value.keyPassphrase !== '' })) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message })
    }
  })
export type ProfileSaveInput = z.input<typeof profileSaveSchema>

/** A saved profile as the renderer sees it: secrets are reported as set or not, never returned. */
export interface Profile {
  id: string
  name: string
  options: ProfileConnectionOptions
  hasPassword: boolean
  hasKeyPassphrase: boolean
  subscriptions: Subscription[]
  color?: string
  group?: string
  decoders: DecoderPrefs
  charts: ChartDefinition[]
  /** Saved sequences of messages, run from the publish area. */
  sequences: Sequence[]
  /** Milliseconds since the epoch. */
  createdAt: number
  updatedAt: number
}

/** Payloads larger than this are not kept in publish history or templates (the settings file stays small). */
export const MAX_SAVED_PAYLOAD_BYTES = 64 * 1024
/** Publish history keeps at most this many entries per profile, newest first. */
export const PUBLISH_HISTORY_LIMIT = 100
/** ...and at most this many payload bytes per profile, so a publish never rewrites a huge file. */
export const PUBLISH_HISTORY_BYTES_LIMIT = 1024 * 1024
/** Templates a profile may keep. */
export const TEMPLATE_LIMIT = 500

/** A message as the composer holds it: what history entries and templates store. */
export const publishDraftSchema = z.object({
  topic: topicNameSchema,
  payload: bytesSchema.refine((bytes) => bytes.byteLength <= MAX_SAVED_PAYLOAD_BYTES, {
    message: `Payloads over ${MAX_SAVED_PAYLOAD_BYTES / 1024} KiB are not saved in publish history or templates.`
  }),
  payloadFormat: payloadFormatSchema.default('text'),
  qos: qosSchema.default(0),
  retain: z.boolean().default(false),
  properties: publishPropertiesSchema.optional()
})
export type PublishDraft = z.infer<typeof publishDraftSchema>
export type PublishDraftInput = z.input<typeof publishDraftSchema>

/** One message published from the composer, remembered per profile. */
export interface PublishHistoryEntry extends PublishDraft {
  id: string
  publishedAt: number
}

/** A named message the user saved to send again. */
export interface PublishTemplate extends PublishDraft {
  id: string
  name: string
  updatedAt: number
}

/** Something about the settings storage the user should know (for example: a corrupt file was set aside). */
export interface StorageNotice {
  id: string
  level: 'info' | 'warning' | 'error'
  /** A sentence: what happened and what to do. */
  message: string
  /** Set when a damaged file was kept as a copy. */
  backupPath?: string
  at: number
}

/** One import entry that was skipped, with the reason as a sentence. */
export interface ImportRejection {
  /** Position in the imported list, from 0. */
  index: number
  name?: string
  reason: string
}

/** A profile export is this JSON document; `version` is the export format version. */
export const PROFILE_EXPORT_FORMAT = 'brokerscope-profiles'
/** The format name exports had before the app was named Brokerscope; such files import as they are. */
export const LEGACY_PROFILE_EXPORT_FORMAT = 'mqtt-explorer-profiles'

const byIdSchema = z.object({ id: profileIdSchema })
const byProfileSchema = z.object({ profileId: profileIdSchema })
type ProfilesReply = { profiles: Profile[] }

export const profileRequests = {
  /** Every saved profile, in the user's order. */
  'profile:list': defineRequest<ProfilesReply>()(z.object({})),
  /** Creates (no id) or updates a profile; secrets: string sets, null clears, absent keeps. */
  'profile:save': defineRequest<{ profile: Profile }>()(profileSaveSchema),
  /** Copies a profile (settings, secrets, subscriptions, templates, charts, sequences; not history) under a new name. */
  'profile:duplicate': defineRequest<{ profile: Profile }>()(byIdSchema),
  /** Deletes a profile with its history and templates. */
  'profile:delete': defineRequest<ProfilesReply>()(byIdSchema),
  /** Puts profiles in this order; ids left out keep their relative order after the given ones. */
  'profile:reorder': defineRequest<ProfilesReply>()(z.object({ ids: z.array(profileIdSchema) })),
  /** Replaces a profile's subscriptions (for example after subscribing while connected). */
  'profile:setSubscriptions': defineRequest<{ profile: Profile }>()(
    z.object({ profileId: profileIdSchema, subscriptions: z.array(subscriptionSchema).max(500, 'A profile keeps at most 500 subscriptions.') })
  ),
  /** Replaces a profile's charts (their series, window and style), so they come back on the next connection. */
  'profile:setCharts': defineRequest<{ profile: Profile }>()(z.object({ profileId: profileIdSchema, charts: chartsSchema })),
  /** Replaces a profile's saved sequences (edited in the publish area; a save of the profile form keeps them). */
  'profile:setSequences': defineRequest<{ profile: Profile }>()(z.object({ profileId: profileIdSchema, sequences: sequencesSchema })),
  /**
   * Connects with a saved profile (secrets decrypted in main, never sent to the renderer), then subscribes
   * to its subscriptions. `password` / `keyPassphrase` here are used once and not saved.
   */
  'profile:connect': defineRequest<{ connectionId: string; subscriptions: SubscriptionResult[] }>()(
    z.object({
      connectionId: connectionIdSchema,
      profileId: profileIdSchema,
      password: z.string().max(65_535).optional(),
      keyPassphrase: z.string().max(65_535).optional()
    })
  ),
  /**
   * Exports profiles (all when `ids` is absent) with their subscriptions, templates, charts and sequences as JSON text.
   * Secrets are left out unless `includeSecrets`; then they are in clear in the file. With `filePath`
   * (absolute, chosen by the user) main also writes the file. `warnings`: sentences about secrets that could not be included.
   */
  'profile:export': defineRequest<{ json: string; count: number; suggestedFileName: string; filePath?: string; warnings: string[] }>()(
    z.object({
      ids: z.array(profileIdSchema).optional(),
      includeSecrets: z.boolean().default(false),
      filePath: z.string().min(1).optional()
    })
  ),
  /** Imports profiles from export JSON text as new profiles; entries that fail validation are reported, the rest kept. */
  'profile:import': defineRequest<{ imported: Profile[]; rejected: ImportRejection[]; profiles: Profile[] }>()(
    z.object({ json: z.string().max(50_000_000, 'The file is too large to be a profile export (over 50 MB).') })
  ),
  /** A profile's publish history, newest first (bounded by PUBLISH_HISTORY_LIMIT and PUBLISH_HISTORY_BYTES_LIMIT). */
  'profile:publishHistory': defineRequest<{ entries: PublishHistoryEntry[] }>()(byProfileSchema),
  /** Remembers a published message; the same message again moves to the top instead of repeating. */
  'profile:addPublishHistory': defineRequest<{ entries: PublishHistoryEntry[] }>()(
    z.object({ profileId: profileIdSchema, entry: publishDraftSchema })
  ),
  /** Forgets a profile's publish history. */
  'profile:clearPublishHistory': defineRequest<{ entries: PublishHistoryEntry[] }>()(byProfileSchema),
  /** A profile's saved templates, by name. */
  'profile:templates': defineRequest<{ templates: PublishTemplate[] }>()(byProfileSchema),
  /** Creates (no id) or updates a template. */
  'profile:saveTemplate': defineRequest<{ template: PublishTemplate; templates: PublishTemplate[] }>()(
    z.object({
      profileId: profileIdSchema,
      template: publishDraftSchema.extend({
        id: profileIdSchema.optional(),
        name: z.string().trim().min(1, 'Give the template a name.').max(200, 'Keep the template name under 200 characters.')
      })
    })
  ),
  /** Deletes a template. */
  'profile:deleteTemplate': defineRequest<{ templates: PublishTemplate[] }>()(
    z.object({ profileId: profileIdSchema, templateId: profileIdSchema })
  ),
  /** Notices about settings storage since main started (for example a corrupt file that was set aside). */
  'profile:notices': defineRequest<{ notices: StorageNotice[] }>()(z.object({}))
} as const

export const profileEvents = {
  /** The saved profiles changed (from this window or another one); the full list in order. */
  'profile:changed': defineEvent<ProfilesReply>(),
  /** A new storage notice; also listed by `profile:notices` for windows that open later. */
  'profile:notice': defineEvent<StorageNotice>()
} as const
