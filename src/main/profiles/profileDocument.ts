import { z } from 'zod'
import {
  chartsSchema,
  decoderPrefsSchema,
  defaultSubscriptions,
  emptyDecoderPrefs,
  profileColorSchema,
  profileConnectionOptionsSchema,
  profileGroupSchema,
  profileIdSchema,
  profileNameSchema,
  publishDraftSchema,
  sequencesSchema,
  subscriptionSchema
} from '../../shared/contract'
import type { SecretCipher } from './secretCipher'
import { UnreadableDocument, type DocumentKind } from './versionedDocument'

/** Secrets as stored: sealed text only (see SecretCipher). */
const sealedSecretsSchema = z.object({ password: z.string().optional(), keyPassphrase: z.string().optional() })

export const storedTemplateSchema = publishDraftSchema.extend({
  id: profileIdSchema,
  name: z.string().min(1),
  updatedAt: z.number()
})
export type StoredTemplate = z.infer<typeof storedTemplateSchema>

/** One profile as the profiles file keeps it (format 1). */
export const storedProfileSchema = z.object({
  id: profileIdSchema,
  name: profileNameSchema,
  options: profileConnectionOptionsSchema,
  secrets: sealedSecretsSchema.default({}),
  subscriptions: z.array(subscriptionSchema),
  color: profileColorSchema.optional(),
  group: profileGroupSchema.optional(),
  templates: z.array(storedTemplateSchema).default([]),
  decoders: decoderPrefsSchema.default(emptyDecoderPrefs),
  charts: chartsSchema.default([]),
  sequences: sequencesSchema.default([]),
  createdAt: z.number(),
  updatedAt: z.number()
})
export type StoredProfile = z.infer<typeof storedProfileSchema>

/** The profiles file: the list in the user's order. */
export interface ProfilesDocument {
  profiles: StoredProfile[]
}

function profileEntries(document: Record<string, unknown>): unknown[] {
  const entries = document['profiles']
  if (!Array.isArray(entries)) throw new UnreadableDocument('it has no list of profiles')
  return entries
}

/**
 * Format 0, the earliest: `{ profiles: [{ name, options, subscriptions?: string[] }] }` with no version,
 * no ids, and the password and key passphrase in clear inside `options`. Migrating seals them.
 */
function migrateV0(cipher: SecretCipher, now: number, newId: () => string) {
  return (document: Record<string, unknown>): Record<string, unknown> => {
    const entries = profileEntries(document)
    return {
      profiles: entries.map((entry) => {
        if (entry === null || typeof entry !== 'object') return entry
        const old = entry as { name?: unknown; options?: Record<string, unknown>; subscriptions?: unknown }
        const { password, tls, ...options } = old.options ?? {}
        const { keyPassphrase, ...tlsRest } = (tls ?? {}) as Record<string, unknown>
        const secrets: Record<string, string> = {}
        if (typeof password === 'string') secrets['password'] = cipher.seal(password)
        if (typeof keyPassphrase === 'string') secrets['keyPassphrase'] = cipher.seal(keyPassphrase)
        const filters = Array.isArray(old.subscriptions) ? old.subscriptions : undefined
        return {
          id: newId(),
          name: old.name,
          options: tls === undefined ? options : { ...options, tls: tlsRest },
          secrets,
          subscriptions: filters ? filters.map((filter) => ({ filter, qos: 0 })) : defaultSubscriptions,
          templates: [],
          createdAt: now,
          updatedAt: now
        }
      })
    }
  }
}

/** How the profiles file is read, migrated and written. */
export function profilesDocumentKind(cipher: SecretCipher, newId: () => string, now = Date.now()): DocumentKind<ProfilesDocument> {
  return {
    name: 'profiles',
    version: 1,
    migrations: { 0: migrateV0(cipher, now, newId) },
    parse(document) {
      const entries = profileEntries(document)
      const profiles = entries.flatMap((entry) => {
        const parsed = storedProfileSchema.safeParse(entry)
        return parsed.success ? [parsed.data] : []
      })
      return { value: { profiles }, dropped: entries.length - profiles.length }
    },
    empty: () => ({ profiles: [] }),
    toDocument: (value) => ({ profiles: value.profiles })
  }
}
