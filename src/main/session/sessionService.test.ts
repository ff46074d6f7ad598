import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startTestBroker, type TestBroker } from '../../../tests/support/broker'
import { profileSaveSchema, type ConnectionStatus, type EventName, type ProfileSaveInput } from '../../shared/contract'
import { ConnectionManager } from '../mqtt/connectionManager'
import { openProfiles, tempDataDir } from '../profiles/testSupport'
import { SessionService } from './sessionService'

// The real engine and profile service against the test broker: no part stands in for another.
let broker: TestBroker
let data: ReturnType<typeof tempDataDir>
let connections: ConnectionManager
let profiles: ReturnType<typeof openProfiles>
let sessions: SessionService
let statuses: ConnectionStatus[]

beforeAll(async () => {
  broker = await startTestBroker({ listeners: ['plain', 'auth'] })
})
afterAll(async () => broker?.stop())

beforeEach(() => {
  data = tempDataDir()
  connections = new ConnectionManager()
  profiles = openProfiles(data.dir)
  statuses = []
  const emit = (name: EventName, payload: unknown): void => {
    if (name === 'connection:status') statuses.push(payload as ConnectionStatus)
  }
  sessions = new SessionService(connections, profiles.profiles, emit)
})
afterEach(async () => {
  sessions.dispose()
  await connections.dispose()
  data.cleanup()
})

const plainOptions = () => ({ protocol: 'mqtt' as const, host: broker.host, port: broker.ports.plain!, connectTimeoutMs: 5_000, reconnectPeriodMs: 0 })
const authOptions = () => ({ ...plainOptions(), port: broker.ports.auth!, username: broker.users.name })
/** Saves a profile the way profile:save does: through the contract's schema. */
const save = (input: ProfileSaveInput) => profiles.profiles.save(profileSaveSchema.parse(input))
const states = (connectionId: string) => statuses.filter((s) => s.connectionId === connectionId).map((s) => [s.state, s.profileId])

describe('session service', () => {
  it("connects a profile with its saved options, subscribes its filters, and names the profile in every status", async () => {
    const profile = save({ name: 'Plain', options: plainOptions(), subscriptions: [{ filter: 'session/#', qos: 1 }] })
    const reply = await sessions.connectProfile('c1', profile.id)
    expect(reply).toEqual({ connectionId: 'c1', subscriptions: [{ filter: 'session/#', grantedQos: 1, reasonCode: 1 }] })
    expect(states('c1')).toEqual([['connecting', profile.id], ['connected', profile.id]])
    expect(sessions.list()).toEqual([expect.objectContaining({ connectionId: 'c1', profileId: profile.id, state: 'connected' })])
  })

  it('forgets the profile once disconnected; the last status still names it', async () => {
    const first = save({ name: 'First', options: plainOptions(), subscriptions: [] })
    const second = save({ name: 'Second', options: plainOptions(), subscriptions: [] })
    await sessions.connectProfile('same', first.id)
    await sessions.disconnect('same')
    expect(states('same').at(-1)).toEqual(['disconnected', first.id])
    expect(sessions.list()).toEqual([])
    await sessions.connectProfile('same', second.id)
    expect(sessions.list()).toEqual([expect.objectContaining({ connectionId: 'same', profileId: second.id })])
  })

  it('uses one-time secrets for this attempt, and forgets the link when the broker refuses', async () => {
    const profile = save({ name: 'Auth', options: authOptions(), password: broker.users.password, subscriptions: [] })
    await expect(sessions.connectProfile('wrong', profile.id, { password: 'not-the-password' })).rejects.toMatchObject({ message: expect.stringMatching(/refused/) })
    expect(states('wrong')).toEqual([['connecting', profile.id], ['error', profile.id]])
    expect(sessions.list()).toEqual([])
    await sessions.connectProfile('right', profile.id)
    expect(sessions.list()).toEqual([expect.objectContaining({ connectionId: 'right', profileId: profile.id, state: 'connected' })])
  })

  it('keeps the link of a connection that is already open when another profile asks for its id', async () => {
    const first = save({ name: 'First', options: plainOptions(), subscriptions: [] })
    const second = save({ name: 'Second', options: plainOptions(), subscriptions: [] })
    await sessions.connectProfile('taken', first.id)
    await expect(sessions.connectProfile('taken', second.id)).rejects.toMatchObject({ code: 'already-exists' })
    expect(sessions.list()).toEqual([expect.objectContaining({ connectionId: 'taken', profileId: first.id, state: 'connected' })])
  })

  it('leaves connections opened without a profile unnamed', async () => {
    const profile = save({ name: 'Plain', options: plainOptions(), subscriptions: [] })
    await connections.connect('bare', profiles.profiles.resolveConnectionOptions(profile.id))
    expect(sessions.list()).toEqual([expect.not.objectContaining({ profileId: expect.anything() })])
    expect(states('bare')).toEqual([['connecting', undefined], ['connected', undefined]])
  })
})
