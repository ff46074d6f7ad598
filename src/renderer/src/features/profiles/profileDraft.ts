import {
  defaultSubscriptions,
  emptyDecoderPrefs,
  profileSaveSchema,
  type BrokerProtocol,
  type DecoderPrefs,
  type Profile,
  type ProfileSaveInput,
  type ProtocolVersion,
  type QoS,
  type Subscription
} from '@shared/contract'
import { profileDecoders } from '@shared/decoders'
import { utf8Decode, utf8Encode } from '../../lib/bytes'
import { protoFilesOutline } from './decoderDraft'
import { NEW_PROFILE_OPTIONS, NEW_TLS_OPTIONS, NEW_WILL, NUMBER_WORDS } from './profileFormRules'

export { DEFAULT_PORTS } from './profileFormRules'

/** The profile editor's form state: numbers stay text while typed, secrets say whether to keep, set or clear. */
export interface ProfileDraft {
  id?: string
  name: string
  /** Folder the profile is listed under; empty for none. */
  group: string
  /** Colour marking the profile's tab, as #rrggbb; empty for none. */
  color: string
  protocol: BrokerProtocol
  host: string
  port: string
  path: string
  protocolVersion: ProtocolVersion
  clientId: string
  clean: boolean
  keepHistory: boolean
  keepaliveSeconds: string
  sessionExpiryInterval: string
  connectTimeoutMs: string
  reconnectPeriodMs: string
  username: string
  /** Typed password; empty keeps the saved one unless clearPassword. */
  password: string
  hasPassword: boolean
  clearPassword: boolean
  caFiles: string
  certFile: string
  keyFile: string
  keyPassphrase: string
  hasKeyPassphrase: boolean
  clearKeyPassphrase: boolean
  rejectUnauthorized: boolean
  servername: string
  alpnProtocols: string
  keyLogFile: string
  willEnabled: boolean
  willTopic: string
  willPayload: string
  willQos: QoS
  willRetain: boolean
  willDelayInterval: string
  subscriptions: Subscription[]
  /** .proto files, Protobuf rules and decoder pins, edited as the contract holds them. */
  decoders: DecoderPrefs
}

/** Field key → problem sentence; keys are the contract's paths joined with dots (e.g. `options.port`). */
export type DraftProblems = Record<string, string>

export function isSecure(protocol: BrokerProtocol): boolean {
  return protocol === 'mqtts' || protocol === 'wss'
}

export function emptyDraft(): ProfileDraft {
  return draftFromProfile(undefined)
}

/** The editor's state for a saved profile, or for a new one when `profile` is undefined. */
export function draftFromProfile(profile: Profile | undefined): ProfileDraft {
  const o = profile?.options ?? NEW_PROFILE_OPTIONS
  const tls = o.tls ?? NEW_TLS_OPTIONS
  return {
    ...(profile ? { id: profile.id } : {}),
    name: profile?.name ?? '',
    group: profile?.group ?? '',
    color: profile?.color ?? '',
    protocol: o.protocol,
    host: o.host,
    port: String(o.port),
    path: o.path,
    protocolVersion: o.protocolVersion,
    clientId: o.clientId ?? '',
    clean: o.clean,
    keepHistory: o.keepHistory,
    keepaliveSeconds: String(o.keepaliveSeconds),
    sessionExpiryInterval: o.sessionExpiryInterval === undefined ? '' : String(o.sessionExpiryInterval),
    connectTimeoutMs: String(o.connectTimeoutMs),
    reconnectPeriodMs: String(o.reconnectPeriodMs),
    username: o.username ?? '',
    password: '',
    hasPassword: profile?.hasPassword ?? false,
    clearPassword: false,
    caFiles: tls.caFiles.join('\n'),
    certFile: tls.certFile ?? '',
    keyFile: tls.keyFile ?? '',
    keyPassphrase: '',
    hasKeyPassphrase: profile?.hasKeyPassphrase ?? false,
    clearKeyPassphrase: false,
    rejectUnauthorized: tls.rejectUnauthorized,
    servername: tls.servername ?? '',
    alpnProtocols: tls.alpnProtocols.join(', '),
    keyLogFile: tls.keyLogFile ?? '',
    willEnabled: o.will !== undefined,
    willTopic: o.will?.topic ?? '',
    willPayload: o.will ? utf8Decode(o.will.payload) : '',
    willQos: o.will?.qos ?? NEW_WILL.qos,
    willRetain: o.will?.retain ?? NEW_WILL.retain,
    willDelayInterval: o.will?.properties?.willDelayInterval === undefined ? '' : String(o.will.properties.willDelayInterval),
    subscriptions: (profile?.subscriptions ?? defaultSubscriptions).map((s) => ({ ...s })),
    decoders: profile?.decoders ?? emptyDecoderPrefs()
  }
}

const WHOLE = /^\s*-?\d+\s*$/

/** Parses a typed number; '' gives undefined, anything else not a whole number gives NaN (the schema then says why). */
function whole(text: string): number | undefined {
  if (text.trim() === '') return undefined
  return WHOLE.test(text) ? Number(text) : Number.NaN
}

function optionalText(text: string): string | undefined {
  return text.trim() === '' ? undefined : text.trim()
}

function secret(typed: string, clear: boolean): string | null | undefined {
  if (clear) return null
  return typed === '' ? undefined : typed
}

/**
 * The form after the saved profile changed under it (subscriptions saved from its connection, another
 * window): fields the user has not edited take the saved values; edited fields that differ from them are
 * kept, and returned as `kept`. An empty `kept` means nothing of the user's was in the way.
 */
export function rebaseDraft(saved: ProfileDraft, current: ProfileDraft, edited: ReadonlySet<keyof ProfileDraft>): { draft: ProfileDraft; kept: Array<keyof ProfileDraft> } {
  const kept = [...edited].filter((field) => JSON.stringify(current[field]) !== JSON.stringify(saved[field]))
  const draft = { ...saved }
  for (const field of kept) (draft as Record<keyof ProfileDraft, unknown>)[field] = current[field]
  return { draft, kept }
}

/** The paths in a one-per-line text field, blank lines left out. */
export function pathLines(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter(Boolean)
}

/** The one-per-line list with the new paths added at the end, each path once. */
export function withPaths(text: string, paths: string[]): string {
  return [...new Set([...pathLines(text), ...paths])].join('\n')
}

/** The save request the draft describes (not yet validated). */
export function draftToSaveInput(draft: ProfileDraft): ProfileSaveInput {
  const secure = isSecure(draft.protocol)
  const caFiles = pathLines(draft.caFiles)
  const alpnProtocols = draft.alpnProtocols.split(',').map((item) => item.trim()).filter(Boolean)
  const willDelay = whole(draft.willDelayInterval)
  return {
    ...(draft.id ? { id: draft.id } : {}),
    name: draft.name,
    group: draft.group.trim() === '' ? null : draft.group.trim(),
    color: draft.color === '' ? null : draft.color,
    options: {
      protocol: draft.protocol,
      host: draft.host,
      port: whole(draft.port) ?? Number.NaN,
      path: draft.path,
      protocolVersion: draft.protocolVersion,
      clientId: optionalText(draft.clientId),
      clean: draft.clean,
      keepHistory: draft.keepHistory,
      keepaliveSeconds: whole(draft.keepaliveSeconds),
      sessionExpiryInterval: draft.protocolVersion === 5 ? whole(draft.sessionExpiryInterval) : undefined,
      connectTimeoutMs: whole(draft.connectTimeoutMs),
      reconnectPeriodMs: whole(draft.reconnectPeriodMs),
      username: optionalText(draft.username),
      // TLS fields are kept in the form when switching protocol, but only sent for mqtts/wss.
      tls: secure
        ? {
            caFiles,
            certFile: optionalText(draft.certFile),
            keyFile: optionalText(draft.keyFile),
            rejectUnauthorized: draft.rejectUnauthorized,
            servername: optionalText(draft.servername),
            alpnProtocols,
            keyLogFile: optionalText(draft.keyLogFile)
          }
        : undefined,
      will: draft.willEnabled
        ? {
            topic: draft.willTopic,
            payload: utf8Encode(draft.willPayload),
            qos: draft.willQos,
            retain: draft.willRetain,
            properties: draft.protocolVersion === 5 && willDelay !== undefined ? { willDelayInterval: willDelay } : undefined
          }
        : undefined
    },
    password: secret(draft.password, draft.clearPassword),
    keyPassphrase: secure ? secret(draft.keyPassphrase, draft.clearKeyPassphrase) : draft.hasKeyPassphrase ? null : undefined,
    subscriptions: draft.subscriptions,
    decoders: draft.decoders
  }
}

/** The problem key of a compile error in the draft's .proto files or rules. */
export const PROTOBUF_PROBLEM = 'decoders.protobuf'

/** Validates the draft with the contract's schema; returns the request to send or the problems by field. */
export function validateDraft(draft: ProfileDraft): { input: ProfileSaveInput; problems: DraftProblems } {
  const input = draftToSaveInput(draft)
  const parsed = profileSaveSchema.safeParse(input)
  const problems: DraftProblems = {}
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join('.')
      // zod's default words ("Invalid input: expected number, received NaN") are technical; say it in the field's terms.
      const zodDefault = /^(Invalid input|Too (big|small))/.test(issue.message)
      problems[key] ??= zodDefault && NUMBER_WORDS[key] ? NUMBER_WORDS[key] : issue.message
    }
  }
  // Files and rules that pass the schema must also compile together; while a rule is incomplete, the files at
  // least must compile. Both are memoized, so typing elsewhere in the form does not recompile.
  const rulesValid = !Object.keys(problems).some((key) => key.startsWith('decoders'))
  const protobufError = rulesValid ? profileDecoders(draft.decoders).protobufError : protoFilesOutline(draft.decoders.protoFiles).error
  if (protobufError) problems[PROTOBUF_PROBLEM] = protobufError
  return { input, problems }
}
