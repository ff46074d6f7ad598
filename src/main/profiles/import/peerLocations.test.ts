import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDataDir } from '../testSupport'
import { findPeerData, peerDataLocations } from './peerLocations'

let home: ReturnType<typeof tempDataDir>
beforeEach(() => {
  home = tempDataDir()
})
afterEach(() => home.cleanup())

function place(...parts: string[]): string {
  const path = join(home.dir, ...parts)
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, '{}')
  return path
}

describe('peerDataLocations', () => {
  it('uses %APPDATA% on Windows, Application Support on macOS, and ~/.config (or XDG_CONFIG_HOME) with the snaps on Linux', () => {
    expect(peerDataLocations({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, homedir: 'C:\\Users\\ana' }).map((l) => l.path)).toEqual([
      'C:\\Users\\ana\\AppData\\Roaming\\MQTT-Explorer\\settings.json',
      'C:\\Users\\ana\\AppData\\Roaming\\MQTTX\\MQTTX.db'
    ])
    expect(peerDataLocations({ platform: 'darwin', env: {}, homedir: '/Users/ana' }).map((l) => l.path)).toEqual([
      '/Users/ana/Library/Application Support/MQTT-Explorer/settings.json',
      '/Users/ana/Library/Application Support/MQTTX/MQTTX.db'
    ])
    expect(peerDataLocations({ platform: 'linux', env: {}, homedir: '/home/ana' }).map((l) => l.path)).toEqual([
      '/home/ana/.config/MQTT-Explorer/settings.json',
      '/home/ana/snap/mqtt-explorer/current/.config/MQTT-Explorer/settings.json',
      '/home/ana/.config/MQTTX/MQTTX.db',
      '/home/ana/snap/mqttx/current/.config/MQTTX/MQTTX.db'
    ])
    expect(peerDataLocations({ platform: 'linux', env: { XDG_CONFIG_HOME: '/cfg' }, homedir: '/home/ana' })[0]?.path).toBe('/cfg/MQTT-Explorer/settings.json')
  })
})

describe('findPeerData', () => {
  it('lists only the files that exist, with their app and kind', () => {
    const settings = place('.config', 'MQTT-Explorer', 'settings.json')
    const snapDb = place('snap', 'mqttx', 'current', '.config', 'MQTTX', 'MQTTX.db')
    mkdirSync(join(home.dir, '.config', 'MQTTX', 'MQTTX.db'), { recursive: true })
    expect(findPeerData('linux', {}, home.dir)).toEqual([
      { app: 'mqtt-explorer', path: settings, kind: 'MQTT Explorer settings' },
      { app: 'mqttx', path: snapDb, kind: 'MQTTX database (snap)' }
    ])
  })

  it('looks in Application Support on macOS and finds nothing in an empty home', () => {
    expect(findPeerData('darwin', {}, home.dir)).toEqual([])
    const db = place('Library', 'Application Support', 'MQTTX', 'MQTTX.db')
    expect(findPeerData('darwin', {}, home.dir)).toEqual([{ app: 'mqttx', path: db, kind: 'MQTTX database' }])
    expect(findPeerData('linux', {}, home.dir)).toEqual([])
  })
})
