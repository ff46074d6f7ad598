import { defaultSubscriptions, emptyDecoderPrefs, profileSaveSchema, UserFacingError, type Profile, type PublishHistoryEntry, type PublishTemplate } from '@shared/contract'
import type { TestHandlers } from './testMain'

function optionalText<K extends 'group' | 'color'>(key: K, value: string | null | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Partial<Record<K, string>>) : {}
}

/** An in-memory profile table implementing the profile requests the UI uses, for renderer tests. */
export function memoryProfiles(seed: Profile[] = []): { handlers: TestHandlers; profiles: () => Profile[] } {
  let profiles = seed.slice()
  let nextId = seed.length + 1
  const history = new Map<string, PublishHistoryEntry[]>()
  const templates = new Map<string, PublishTemplate[]>()
  const find = (id: string): Profile => {
    const profile = profiles.find((p) => p.id === id)
    if (!profile) throw new UserFacingError('not-found', 'That profile no longer exists; pick another one.')
    return profile
  }
  const handlers: TestHandlers = {
    // The profiles screen lists recordings and the built-in broker too; these tests have none running.
    'recording:list': () => ({ recordings: [] }),
    'broker:status': () => ({ running: false, host: null, localHost: null, tcpPort: null, wsPort: null, requiresLogin: false, addresses: [], clients: [], messagesPerSecond: 0, messagesTotal: 0 }),
    'profile:list': () => ({ profiles }),
    'profile:notices': () => ({ notices: [] }),
    'profile:save': (input) => {
      const parsed = profileSaveSchema.parse(input)
      const now = Date.now()
      const existing = parsed.id ? find(parsed.id) : undefined
      const profile: Profile = {
        id: existing?.id ?? `p${nextId++}`,
        name: parsed.name,
        options: parsed.options,
        subscriptions: parsed.subscriptions ?? existing?.subscriptions ?? defaultSubscriptions.map((s) => ({ ...s })),
        hasPassword: parsed.password === undefined ? (existing?.hasPassword ?? false) : parsed.password !== null,
        hasKeyPassphrase: parsed.keyPassphrase === undefined ? (existing?.hasKeyPassphrase ?? false) : parsed.keyPassphrase !== null,
        decoders: parsed.decoders ?? existing?.decoders ?? emptyDecoderPrefs(),
        charts: existing?.charts ?? [],
        sequences: existing?.sequences ?? [],
        ...optionalText('group', parsed.group === undefined ? existing?.group : parsed.group),
        ...optionalText('color', parsed.color === undefined ? existing?.color : parsed.color),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now
      }
      profiles = existing ? profiles.map((p) => (p.id === profile.id ? profile : p)) : [...profiles, profile]
      return { profile }
    },
    'profile:duplicate': ({ id }) => {
      const copy = { ...find(id), id: `p${nextId++}`, name: `${find(id).name} (copy)` }
      profiles = [...profiles, copy]
      return { profile: copy }
    },
    'profile:delete': ({ id }) => {
      find(id)
      profiles = profiles.filter((p) => p.id !== id)
      return { profiles }
    },
    'profile:reorder': ({ ids }) => {
      profiles = [...ids.map(find), ...profiles.filter((p) => !ids.includes(p.id))]
      return { profiles }
    },
    'profile:setSubscriptions': ({ profileId, subscriptions }) => {
      const profile = { ...find(profileId), subscriptions }
      profiles = profiles.map((p) => (p.id === profileId ? profile : p))
      return { profile }
    },
    'profile:setCharts': ({ profileId, charts }) => {
      const profile = { ...find(profileId), charts }
      profiles = profiles.map((p) => (p.id === profileId ? profile : p))
      return { profile }
    },
    'profile:setSequences': ({ profileId, sequences }) => {
      const profile = { ...find(profileId), sequences }
      profiles = profiles.map((p) => (p.id === profileId ? profile : p))
      return { profile }
    },
    'profile:publishHistory': ({ profileId }) => ({ entries: history.get(profileId) ?? [] }),
    'profile:addPublishHistory': ({ profileId, entry }) => {
      const entries = [{ ...entry, id: `h${Date.now()}${Math.random()}`, publishedAt: Date.now() }, ...(history.get(profileId) ?? [])]
      history.set(profileId, entries)
      return { entries }
    },
    'profile:templates': ({ profileId }) => ({ templates: templates.get(profileId) ?? [] }),
    'profile:saveTemplate': ({ profileId, template }) => {
      const saved: PublishTemplate = { ...template, id: template.id ?? `t${Date.now()}`, updatedAt: Date.now() }
      const list = [...(templates.get(profileId) ?? []).filter((t) => t.id !== saved.id), saved]
      templates.set(profileId, list)
      return { template: saved, templates: list }
    },
    'profile:deleteTemplate': ({ profileId, templateId }) => {
      const list = (templates.get(profileId) ?? []).filter((t) => t.id !== templateId)
      templates.set(profileId, list)
      return { templates: list }
    }
  }
  return { handlers, profiles: () => profiles }
}

/** A profile as main would return it, for seeding tests. */
export function sampleProfile(id: string, name: string, overrides: Partial<Profile> = {}): Profile {
  return {
    id,
    name,
    options: { protocol: 'mqtt', host: '127.0.0.1', port: 1883, path: '/mqtt', protocolVersion: 4, clean: true, keepaliveSeconds: 60, connectTimeoutMs: 10_000, reconnectPeriodMs: 5_000, keepHistory: false },
    decoders: emptyDecoderPrefs(),
    charts: [],
    sequences: [],
    subscriptions: [
      { filter: '#', qos: 0 },
      { filter: '$SYS/#', qos: 0 }
    ],
    hasPassword: false,
    hasKeyPassphrase: false,
    createdAt: 0,
    updatedAt: 0,
    ...overrides
  }
}
