import { describe, expect, it } from 'vitest'
import { connectionOptionsSchema } from '@shared/contract'
import { draftFromProfile, draftToSaveInput, emptyDraft, PROTOBUF_PROBLEM, rebaseDraft, validateDraft, type ProfileDraft } from './profileDraft'
import { NUMBER_WORDS } from './profileFormRules'
import { sampleProfile } from '../../test/memoryProfiles'

describe('profile draft validation', () => {
  it('accepts a plain new profile and sends the default subscriptions', () => {
    const { problems, input } = validateDraft({ ...emptyDraft(), name: 'Home' })
    expect(problems).toEqual({})
    expect(input.subscriptions?.map((s) => s.filter)).toEqual(['#', '$SYS/#'])
    expect(input.options.tls).toBeUndefined()
  })

  it('says what is wrong with the port, host and name', () => {
    expect(validateDraft({ ...emptyDraft(), name: 'x', port: '70000' }).problems['options.port']).toBe('The port must be between 1 and 65535.')
    expect(validateDraft({ ...emptyDraft(), name: 'x', port: 'abc' }).problems['options.port']).toMatch(/whole number between 1 and 65535/)
    expect(validateDraft({ ...emptyDraft(), name: 'x', host: ' ' }).problems['options.host']).toBe('Enter the broker host name or address.')
    expect(validateDraft({ ...emptyDraft(), name: '' }).problems.name).toBe('Give the profile a name.')
  })

  it('carries the decoder settings both ways and reports .proto files that do not compile', () => {
    const decoders = {
      protoFiles: [{ name: 'r.proto', source: 'syntax = "proto3"; package f; message Reading { double value = 1; }' }],
      protobufRules: [{ filter: 'f/#', type: 'f.Reading' }],
      pins: [{ filter: 'cbor/#', decoder: 'cbor' as const }]
    }
    const draft = draftFromProfile({ ...sampleProfile('a', 'A'), decoders })
    expect(draft.decoders).toEqual(decoders)
    expect(validateDraft(draft)).toMatchObject({ problems: {}, input: { decoders } })
    const unknownType = { ...draft, decoders: { ...decoders, protobufRules: [{ filter: 'f/#', type: 'f.Missing' }] } }
    expect(validateDraft(unknownType).problems[PROTOBUF_PROBLEM]).toBe('No message type "f.Missing" is defined in the profile\'s .proto files (for topics "f/#").')
    // A rule without a type says so by itself, not again as a compile error.
    const noType = { ...draft, decoders: { ...decoders, protobufRules: [{ filter: 'f/#', type: '' }] } }
    expect(validateDraft(noType).problems).toEqual({ 'decoders.protobufRules.0.type': 'Pick the message type for this rule.' })
    // ...but files that do not compile are still reported while a rule is incomplete.
    const broken = { ...noType, decoders: { ...noType.decoders, protoFiles: [{ name: 'bad.proto', source: 'message X {' }] } }
    expect(validateDraft(broken).problems[PROTOBUF_PROBLEM]).toMatch(/^bad\.proto is not a valid \.proto file: /)
  })

  it('starts a new profile with the contract\'s defaults', () => {
    const draft = emptyDraft()
    expect(draft).toMatchObject({ protocol: 'mqtt', host: 'localhost', port: '1883', path: '/mqtt', protocolVersion: 4, clean: true })
    expect(draft).toMatchObject({ keepaliveSeconds: '60', connectTimeoutMs: '10000', reconnectPeriodMs: '5000', rejectUnauthorized: true, willQos: 0, willRetain: false })
    expect(draft).toMatchObject({ caFiles: '', alpnProtocols: '', sessionExpiryInterval: '', willEnabled: false })
  })

  it('names the ranges the contract allows when a number field is not a whole number', () => {
    const shape = connectionOptionsSchema.shape
    expect(NUMBER_WORDS['options.port']).toBe(`The port must be a whole number between ${shape.port.minValue} and ${shape.port.maxValue}.`)
    expect(NUMBER_WORDS['options.keepaliveSeconds']).toBe('Keep-alive must be a whole number of seconds between 0 and 65535.')
    expect(NUMBER_WORDS['options.sessionExpiryInterval']).toBe('Session expiry must be a whole number of seconds (0 to 4294967295), or empty.')
    expect(NUMBER_WORDS['options.connectTimeoutMs']).toBe('The connect timeout must be a whole number of milliseconds between 100 and 600000.')
    expect(NUMBER_WORDS['options.reconnectPeriodMs']).toBe('The reconnect period must be a whole number of milliseconds between 0 and 600000 (0 turns it off).')
    expect(validateDraft({ ...emptyDraft(), name: 'x', keepaliveSeconds: '1.5' }).problems['options.keepaliveSeconds']).toBe(NUMBER_WORDS['options.keepaliveSeconds'])
  })

  it('sends the proxy only when one is chosen, checks its fields, and handles its password like the broker password', () => {
    const proxied: ProfileDraft = { ...emptyDraft(), name: 'x', proxyKind: 'socks5', proxyHost: 'proxy.lan', proxyPort: '1080', proxyUsername: ' pu ', proxyPassword: 'pw' }
    expect(validateDraft(proxied)).toMatchObject({
      problems: {},
      input: { options: { proxy: { kind: 'socks5', host: 'proxy.lan', port: 1080, username: 'pu' } }, proxyPassword: 'pw' }
    })
    expect(draftToSaveInput({ ...proxied, proxyKind: 'none' }).options.proxy).toBeUndefined()
    expect(validateDraft({ ...proxied, proxyPort: '99999' }).problems['options.proxy.port']).toBe('The proxy port must be between 1 and 65535.')
    expect(validateDraft({ ...proxied, proxyPort: 'x' }).problems['options.proxy.port']).toBe('The proxy port must be a whole number between 1 and 65535.')
    expect(validateDraft({ ...proxied, proxyHost: '' }).problems['options.proxy.host']).toBe('Enter the proxy host name or address.')
    expect(validateDraft({ ...proxied, proxyUsername: '' }).problems['options.proxy.username']).toMatch(/^A proxy password needs a proxy user name\./)
    const saved = draftFromProfile(sampleProfile('a', 'A', { hasProxyPassword: true, options: { ...sampleProfile('a', 'A').options, proxy: { kind: 'http', host: 'p', port: 3128, username: 'u' } } }))
    expect(saved).toMatchObject({ proxyKind: 'http', proxyHost: 'p', proxyPort: '3128', proxyUsername: 'u', proxyPassword: '', hasProxyPassword: true })
    expect(draftToSaveInput(saved).proxyPassword).toBeUndefined()
    expect(draftToSaveInput({ ...saved, clearProxyPassword: true }).proxyPassword).toBeNull()
    // Turning the proxy off forgets its saved password: it would be a secret for nothing.
    expect(draftToSaveInput({ ...saved, proxyKind: 'none' }).proxyPassword).toBeNull()
  })

  it('sends TLS fields only for mqtts and wss, and needs both certificate and key', () => {
    const tls = { ...emptyDraft(), name: 'x', caFiles: '/ca.crt\n\n/other.crt', certFile: '/c.crt', alpnProtocols: 'a, b' }
    expect(draftToSaveInput(tls).options.tls).toBeUndefined()
    const secure = validateDraft({ ...tls, protocol: 'mqtts' })
    expect(secure.input.options.tls).toMatchObject({ caFiles: ['/ca.crt', '/other.crt'], certFile: '/c.crt', alpnProtocols: ['a', 'b'] })
    expect(secure.problems['options.tls.keyFile']).toBe('A client certificate needs both the certificate file and its key file.')
    expect(validateDraft({ ...tls, protocol: 'wss', keyFile: '/c.key' }).problems).toEqual({})
  })

  it('rejects MQTT 5 subscription options on MQTT 3.1.1', () => {
    const draft = { ...emptyDraft(), name: 'x', subscriptions: [{ filter: 'a/#', qos: 1 as const, noLocal: true }] }
    expect(validateDraft(draft).problems['subscriptions.0']).toMatch(/MQTT 5.0 options/)
    expect(validateDraft({ ...draft, protocolVersion: 5 }).problems).toEqual({})
  })

  it('validates subscription filters and the last-will topic', () => {
    const draft = { ...emptyDraft(), name: 'x', subscriptions: [{ filter: 'a/#/b', qos: 0 as const }], willEnabled: true, willTopic: 'dead/+' }
    const { problems } = validateDraft(draft)
    expect(problems['subscriptions.0.filter']).toMatch(/# must stand alone/)
    expect(problems['options.will.topic']).toMatch(/wildcard/)
  })

  it('sends the group and colour, and clears them when emptied', () => {
    const input = draftToSaveInput({ ...emptyDraft(), name: 'x', group: ' Plant A ', color: '#ff0000' })
    expect(input).toMatchObject({ group: 'Plant A', color: '#ff0000' })
    expect(draftToSaveInput({ ...emptyDraft(), name: 'x' })).toMatchObject({ group: null, color: null })
  })

  it('keeps, sets or clears secrets', () => {
    const saved = draftFromProfile(sampleProfile('a', 'A', { hasPassword: true }))
    expect(draftToSaveInput(saved).password).toBeUndefined()
    expect(draftToSaveInput({ ...saved, password: 'pw' }).password).toBe('pw')
    expect(draftToSaveInput({ ...saved, clearPassword: true }).password).toBeNull()
  })

  it('round-trips a saved profile through the form unchanged', () => {
    const profile = sampleProfile('a', 'A')
    const { input, problems } = validateDraft(draftFromProfile(profile))
    expect(problems).toEqual({})
    expect(input.options).toMatchObject(profile.options)
  })
})

describe('rebasing a draft on a profile saved elsewhere', () => {
  const base = { ...emptyDraft(), name: 'Lab', host: 'old.example' }

  it('takes the saved values for fields the user did not edit, and keeps the edited ones that differ', () => {
    const saved: ProfileDraft = { ...base, subscriptions: [{ filter: 'plant/#', qos: 1 }] }
    const current: ProfileDraft = { ...base, host: 'typed.example' }
    const { draft, kept } = rebaseDraft(saved, current, new Set(['host']))
    expect(kept).toEqual(['host'])
    expect(draft.host).toBe('typed.example')
    expect(draft.subscriptions).toEqual([{ filter: 'plant/#', qos: 1 }])
  })

  it('keeps nothing when the edited fields already equal what was saved', () => {
    const saved: ProfileDraft = { ...base, host: 'typed.example' }
    const { draft, kept } = rebaseDraft(saved, { ...base, host: 'typed.example' }, new Set(['host']))
    expect(kept).toEqual([])
    expect(draft).toEqual(saved)
  })
})

