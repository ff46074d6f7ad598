import {
  defaultSubscriptions,
  emptyDecoderPrefs,
  profileIssues,
  TEMPLATE_LIMIT,
  UserFacingError,
  type ChartDefinition,
  type ConnectionOptions,
  type Profile,
  type PublishTemplate,
  type Sequence,
  type Subscription,
  type profileRequests
} from '../../shared/contract'
import { profileDecoders, type ProfileDecoders } from '../../shared/decoders'
import type { z } from 'zod'
import type { EventSink } from '../ports/eventSink'
import type { ProfilesDocument, StoredProfile, StoredTemplate } from './profileDocument'
import type { SecretCipher } from './secretCipher'
import { nameKey, uniqueName } from './uniqueName'

/** Arguments of profile:save after schema parsing. */
export type ProfileSaveArgs = z.output<(typeof profileRequests)['profile:save']['args']>
type TemplateArgs = z.output<(typeof profileRequests)['profile:saveTemplate']['args']>['template']
type SecretName = 'password' | 'keyPassphrase'
const SECRET_WORDS: Record<SecretName, string> = { password: 'password', keyPassphrase: 'key passphrase' }

/** What the service needs around it; tests and both entries pass real ones. */
export interface ProfileServiceDeps {
  document: ProfilesDocument
  save: (document: ProfilesDocument) => void
  cipher: SecretCipher
  emit?: EventSink
  now: () => number
  newId: () => string
}

/** Saved profiles: create, update, order, secrets, templates. Secrets leave this class only in resolveConnectionOptions. */
export class ProfileService {
  private profiles: StoredProfile[]

  constructor(private readonly deps: ProfileServiceDeps) {
    this.profiles = deps.document.profiles
  }

  /** Every profile in the user's order, as the renderer sees it. */
  list(): Profile[] {
    return this.profiles.map(toView)
  }

  /** One profile; a sentence error when it was deleted meanwhile. */
  get(id: string): Profile {
    return toView(this.find(id))
  }

  /** A profile's decoder settings made ready (its .proto files compiled once per saved version); undefined once deleted. */
  decoders(id: string): ProfileDecoders | undefined {
    const profile = this.profiles.find((p) => p.id === id)
    return profile && profileDecoders(profile.decoders)
  }

  /** Replaces a profile's charts (already checked against the contract). */
  setCharts(id: string, charts: ChartDefinition[]): Profile {
    const profile = { ...this.find(id), charts: structuredClone(charts), updatedAt: this.deps.now() }
    this.commit(this.profiles.map((p) => (p.id === id ? profile : p)))
    return toView(profile)
  }

  /** Replaces a profile's sequences (already checked against the contract). */
  setSequences(id: string, sequences: Sequence[]): Profile {
    const profile = { ...this.find(id), sequences: structuredClone(sequences), updatedAt: this.deps.now() }
    this.commit(this.profiles.map((p) => (p.id === id ? profile : p)))
    return toView(profile)
  }

  /** Creates (no id) or updates a profile; `password`/`keyPassphrase`: string sets, null clears, absent keeps. */
  save(args: ProfileSaveArgs): Profile {
    const existing = args.id === undefined ? undefined : this.find(args.id)
    this.checkNameFree(args.name, existing?.id)
    const now = this.deps.now()
    const secrets = { ...existing?.secrets }
    this.applySecret(secrets, 'password', args.password)
    this.applySecret(secrets, 'keyPassphrase', args.keyPassphrase)
    // A passphrase belongs to a key file; without one it would be an orphan secret.
    if (args.options.tls?.keyFile === undefined) delete secrets.keyPassphrase
    const profile: StoredProfile = {
      id: existing?.id ?? this.deps.newId(),
      name: args.name,
      options: structuredClone(args.options),
      secrets,
      subscriptions: structuredClone(args.subscriptions ?? existing?.subscriptions ?? defaultSubscriptions),
      ...optional('color', args.color === undefined ? existing?.color : args.color),
      ...optional('group', args.group === undefined ? existing?.group : args.group || null),
      decoders: structuredClone(args.decoders ?? existing?.decoders ?? emptyDecoderPrefs()),
      // Charts and sequences are edited where they are used (setCharts, setSequences), not in the profile form: a save keeps them.
      charts: existing?.charts ?? [],
      sequences: existing?.sequences ?? [],
      templates: existing?.templates ?? [],
      createdAt: existing?.createdAt ?? now,
      updatedAt: now
    }
    this.commit(existing ? this.profiles.map((p) => (p.id === profile.id ? profile : p)) : [...this.profiles, profile])
    return toView(profile)
  }

  /** Adds already-validated profiles in one write (import); names are made unique with "(imported)". */
  addMany(entries: { args: ProfileSaveArgs; templates: TemplateArgs[]; charts?: ChartDefinition[]; sequences?: Sequence[] }[]): Profile[] {
    const taken = new Set(this.profiles.map((p) => nameKey(p.name)))
    const now = this.deps.now()
    const added = entries.map(({ args, templates, charts = [], sequences = [] }): StoredProfile => {
      const name = uniqueName(args.name, 'imported', taken)
      taken.add(nameKey(name))
      const secrets = {}
      this.applySecret(secrets, 'password', args.password)
      if (args.options.tls?.keyFile !== undefined) this.applySecret(secrets, 'keyPassphrase', args.keyPassphrase)
      return {
        id: this.deps.newId(),
        name,
        options: args.options,
        secrets,
        subscriptions: args.subscriptions ?? structuredClone(defaultSubscriptions),
        ...optional('color', args.color),
        ...optional('group', args.group),
        decoders: args.decoders ?? emptyDecoderPrefs(),
        charts,
        sequences,
        templates: templates.slice(0, TEMPLATE_LIMIT).map((t) => ({ ...t, id: this.deps.newId(), updatedAt: now })),
        createdAt: now,
        updatedAt: now
      }
    })
    if (added.length > 0) this.commit([...this.profiles, ...added])
    return added.map(toView)
  }

  /** Copies settings, secrets, subscriptions, templates, charts and sequences under a free "(copy)" name. */
  duplicate(id: string): Profile {
    const source = this.find(id)
    const now = this.deps.now()
    const copy: StoredProfile = {
      ...structuredClone(source),
      id: this.deps.newId(),
      name: uniqueName(source.name, 'copy', new Set(this.profiles.map((p) => nameKey(p.name)))),
      createdAt: now,
      updatedAt: now
    }
    copy.templates = copy.templates.map((t) => ({ ...t, id: this.deps.newId() }))
    const index = this.profiles.indexOf(source)
    this.commit([...this.profiles.slice(0, index + 1), copy, ...this.profiles.slice(index + 1)])
    return toView(copy)
  }

  delete(id: string): Profile[] {
    this.find(id)
    this.commit(this.profiles.filter((p) => p.id !== id))
    return this.list()
  }

  /** Puts the given ids first in that order; the rest follow in their current order. */
  reorder(ids: string[]): Profile[] {
    const wanted = ids.map((id) => this.find(id))
    const first = new Set(wanted)
    this.commit([...first, ...this.profiles.filter((p) => !first.has(p))])
    return this.list()
  }

  /** Replaces the subscriptions; MQTT 5 options are refused for a profile on an older MQTT version. */
  setSubscriptions(id: string, subscriptions: Subscription[]): Profile {
    const existing = this.find(id)
    const [issue] = profileIssues(existing.options, subscriptions).filter((i) => i.path[0] === 'subscriptions')
    if (issue) throw new UserFacingError('invalid-argument', issue.message)
    const profile = { ...existing, subscriptions: structuredClone(subscriptions), updatedAt: this.deps.now() }
    this.commit(this.profiles.map((p) => (p.id === id ? profile : p)))
    return toView(profile)
  }

  /** The options to connect with, secrets opened; `once` secrets win and are not saved. Main only. */
  resolveConnectionOptions(id: string, once: { password?: string; keyPassphrase?: string } = {}): ConnectionOptions {
    const profile = this.find(id)
    const password = once.password ?? this.openSecret(profile, 'password')
    const keyPassphrase = once.keyPassphrase ?? this.openSecret(profile, 'keyPassphrase')
    const options = structuredClone(profile.options)
    return {
      ...options,
      ...optional('password', password),
      ...optional('tls', options.tls && { ...options.tls, ...optional('keyPassphrase', keyPassphrase) })
    }
  }

  /** A profile's saved secret in clear (for connecting, or an export that asked for secrets). */
  openSecret(profile: Pick<StoredProfile, 'name' | 'secrets'>, which: SecretName): string | undefined {
    const sealed = profile.secrets[which]
    if (sealed === undefined) return undefined
    try {
      return this.deps.cipher.open(sealed)
    } catch {
      throw new UserFacingError(
        'storage',
        `The saved ${SECRET_WORDS[which]} of "${profile.name}" cannot be decrypted with ${this.deps.cipher.keyDescription} (it was saved on another computer or the key changed). Enter it again in the profile and save.`
      )
    }
  }

  /** Stored profiles (with sealed secrets) for export; never sent to the renderer as they are. */
  stored(ids?: string[]): StoredProfile[] {
    return ids === undefined ? [...this.profiles] : ids.map((id) => this.find(id))
  }

  templates(profileId: string): PublishTemplate[] {
    return sortTemplates(this.find(profileId).templates)
  }

  /** Creates or updates a template; saving under an existing name replaces that template. */
  saveTemplate(profileId: string, input: TemplateArgs): { template: PublishTemplate; templates: PublishTemplate[] } {
    const profile = this.find(profileId)
    const match = profile.templates.find((t) => (input.id !== undefined ? t.id === input.id : nameKey(t.name) === nameKey(input.name)))
    if (input.id !== undefined && !match) throw new UserFacingError('not-found', 'That template no longer exists. It may have been deleted in another window.')
    if (!match && profile.templates.length >= TEMPLATE_LIMIT) {
      throw new UserFacingError('invalid-argument', `A profile keeps at most ${TEMPLATE_LIMIT} templates. Delete some before saving a new one.`)
    }
    const clash = profile.templates.find((t) => t !== match && nameKey(t.name) === nameKey(input.name))
    if (clash) throw new UserFacingError('already-exists', `A template named "${clash.name}" already exists. Choose another name.`)
    const template: StoredTemplate = { ...structuredClone(input), id: match?.id ?? this.deps.newId(), updatedAt: this.deps.now() }
    const templates = match ? profile.templates.map((t) => (t === match ? template : t)) : [...profile.templates, template]
    this.commit(this.profiles.map((p) => (p === profile ? { ...p, templates } : p)))
    return { template, templates: sortTemplates(templates) }
  }

  deleteTemplate(profileId: string, templateId: string): PublishTemplate[] {
    const profile = this.find(profileId)
    if (!profile.templates.some((t) => t.id === templateId)) {
      throw new UserFacingError('not-found', 'That template no longer exists. It may have been deleted in another window.')
    }
    const templates = profile.templates.filter((t) => t.id !== templateId)
    this.commit(this.profiles.map((p) => (p === profile ? { ...p, templates } : p)))
    return sortTemplates(templates)
  }

  private find(id: string): StoredProfile {
    const profile = this.profiles.find((p) => p.id === id)
    if (!profile) throw new UserFacingError('not-found', 'That profile no longer exists. It may have been deleted in another window.')
    return profile
  }

  private checkNameFree(name: string, ownId: string | undefined): void {
    const clash = this.profiles.find((p) => p.id !== ownId && nameKey(p.name) === nameKey(name))
    if (clash) throw new UserFacingError('already-exists', `A profile named "${clash.name}" already exists. Choose another name.`)
  }

  private applySecret(secrets: StoredProfile['secrets'], which: SecretName, value: string | null | undefined): void {
    if (value === null) delete secrets[which]
    else if (value !== undefined) secrets[which] = this.deps.cipher.seal(value)
  }

  /** Writes first, then adopts: a failed write leaves memory as it was on disk. */
  private commit(profiles: StoredProfile[]): void {
    this.deps.save({ profiles })
    this.profiles = profiles
    this.deps.emit?.('profile:changed', { profiles: this.list() })
  }
}

function optional<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return (value === undefined || value === null ? {} : { [key]: value }) as { [P in K]?: V }
}

function sortTemplates(templates: StoredTemplate[]): PublishTemplate[] {
  return [...templates].sort((a, b) => a.name.localeCompare(b.name))
}

function toView(profile: StoredProfile): Profile {
  const { secrets, templates: _templates, ...rest } = profile
  return { ...structuredClone(rest), hasPassword: secrets.password !== undefined, hasKeyPassphrase: secrets.keyPassphrase !== undefined }
}
