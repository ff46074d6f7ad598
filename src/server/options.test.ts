import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_HOST, DEFAULT_PORT, defaultDataDir, OptionsError, parseServerOptions, USAGE } from './options'

describe('parseServerOptions', () => {
  it('binds loopback on the default port unless told otherwise', () => {
    expect(parseServerOptions([], { XDG_DATA_HOME: '/x' })).toEqual({ host: DEFAULT_HOST, port: DEFAULT_PORT, dataDir: '/x/brokerscope-server', allowedHosts: [] })
  })

  it('reads --host, --port, --data-dir and repeated --allow-host in both spellings', () => {
    expect(parseServerOptions(['--host', '0.0.0.0', '--port=0', '--data-dir', 'rel', '--allow-host', 'Pi.Example', '--allow-host=pi.local:8443'], {})).toEqual({
      host: '0.0.0.0',
      port: 0,
      dataDir: resolve('rel'),
      allowedHosts: ['pi.example', 'pi.local:8443']
    })
  })

  it('refuses unknown flags, missing values and bad ports with a sentence', () => {
    expect(() => parseServerOptions(['--prot', '1'], {})).toThrow(OptionsError)
    expect(() => parseServerOptions(['--port'], {})).toThrow('needs a value')
    expect(() => parseServerOptions(['--port', '70000'], {})).toThrow('between 0 and 65535')
    expect(() => parseServerOptions(['--port', '80a'], {})).toThrow(OptionsError)
    expect(() => parseServerOptions(['--allow-host', 'http://pi.example/'], {})).toThrow('--allow-host')
  })

  it('takes the built-in broker login from --broker-user and the password from the environment only, both or neither', () => {
    const env = { BROKERSCOPE_BROKER_PASSWORD: 'pw' }
    expect(parseServerOptions(['--broker', '1883', '--broker-user', 'field'], env)).toMatchObject({ brokerPort: 1883, brokerLogin: { username: 'field', password: 'pw' } })
    expect(parseServerOptions(['--broker', '1883'], {})).not.toHaveProperty('brokerLogin')
    // A password left in the environment does nothing while the broker is off.
    expect(parseServerOptions([], env)).not.toHaveProperty('brokerLogin')
    expect(() => parseServerOptions(['--broker', '1883', '--broker-user', 'field'], {})).toThrow(
      '--broker-user needs the password in the environment variable BROKERSCOPE_BROKER_PASSWORD (not on the command line, where other users could see it). Set it, or leave --broker-user out.'
    )
    expect(() => parseServerOptions(['--broker', '1883', '--broker-user', 'field'], { BROKERSCOPE_BROKER_PASSWORD: '' })).toThrow(OptionsError)
    expect(() => parseServerOptions(['--broker', '1883'], env)).toThrow(
      'BROKERSCOPE_BROKER_PASSWORD is set but --broker-user is not: the built-in broker needs both a user name and a password, or neither. Add --broker-user NAME, or unset BROKERSCOPE_BROKER_PASSWORD.'
    )
    expect(() => parseServerOptions(['--broker-user', 'field'], env)).toThrow('--broker-user sets the login of the built-in broker, which only runs with --broker PORT.')
    expect(() => parseServerOptions(['--broker', '0', '--broker-user', 'x'.repeat(201)], env)).toThrow('at most 200 characters')
    expect(USAGE).toContain('--broker-user NAME')
    expect(USAGE).toContain('BROKERSCOPE_BROKER_PASSWORD')
  })

  it('turns the built-in broker on only with --broker PORT', () => {
    expect(parseServerOptions(['--broker', '1883'], {})).toMatchObject({ brokerPort: 1883 })
    expect(parseServerOptions(['--broker=0'], {})).toMatchObject({ brokerPort: 0 })
    expect(parseServerOptions([], {})).not.toHaveProperty('brokerPort')
    expect(() => parseServerOptions(['--broker', '70000'], {})).toThrow('The port "70000" is not a number between 0 and 65535.')
  })

  it('reads --history as the messages kept per topic, within its bounds', () => {
    expect(parseServerOptions(['--history', '100000'], {})).toMatchObject({ historyPerTopic: 100_000 })
    expect(parseServerOptions([], {})).not.toHaveProperty('historyPerTopic')
    for (const bad of ['0', '100001', '1e3', '-5']) expect(() => parseServerOptions([`--history=${bad}`], {})).toThrow(`The history "${bad}" is not a number of messages between 1 and 100000.`)
  })

  it('reads repeated --record as the profiles recorded from the start', () => {
    expect(parseServerOptions(['--record', 'Gateway', '--record=Roof sensors'], {})).toMatchObject({ record: ['Gateway', 'Roof sensors'] })
    expect(() => parseServerOptions(['--record'], {})).toThrow('needs a value')
  })

  it('answers help', () => {
    expect(parseServerOptions(['--help'], {})).toBe('help')
  })

  it('falls back to a dot directory in the home folder without XDG_DATA_HOME', () => {
    expect(defaultDataDir({})).toBe(join(homedir(), '.brokerscope-server'))
  })
})
