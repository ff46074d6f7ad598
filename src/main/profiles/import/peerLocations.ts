import { statSync } from 'node:fs'
import { posix, win32 } from 'node:path'
import type { PeerDataFile } from '../../../shared/contract'

// Where the other apps keep their data: Electron's userData folder named after the app (MQTT Explorer's
// package name "MQTT-Explorer", MQTTX's "MQTTX"; see the notes at the top of mqttExplorer.ts and
// mqttxDatabase.ts), plus the folders their Linux snaps use.

/** The user's machine as far as discovery needs it; the Electron entry passes process.platform, process.env and os.homedir(). */
export interface UserMachine {
  platform: NodeJS.Platform
  env: Record<string, string | undefined>
  homedir: string
}

/** Every place a file may be, found or not, in the order they are offered. */
export function peerDataLocations({ platform, env, homedir }: UserMachine): PeerDataFile[] {
  const path = platform === 'win32' ? win32 : posix
  const config =
    platform === 'win32'
      ? (env['APPDATA'] ?? path.join(homedir, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? path.join(homedir, 'Library', 'Application Support')
        : (env['XDG_CONFIG_HOME'] ?? path.join(homedir, '.config'))
  const snap = (name: string): string => path.join(homedir, 'snap', name, 'current', '.config')
  const linux = platform !== 'win32' && platform !== 'darwin'
  return [
    { app: 'mqtt-explorer', path: path.join(config, 'MQTT-Explorer', 'settings.json'), kind: 'MQTT Explorer settings' },
    ...(linux ? [{ app: 'mqtt-explorer' as const, path: path.join(snap('mqtt-explorer'), 'MQTT-Explorer', 'settings.json'), kind: 'MQTT Explorer settings (snap)' }] : []),
    { app: 'mqttx', path: path.join(config, 'MQTTX', 'MQTTX.db'), kind: 'MQTTX database' },
    ...(linux ? [{ app: 'mqttx' as const, path: path.join(snap('mqttx'), 'MQTTX', 'MQTTX.db'), kind: 'MQTTX database (snap)' }] : [])
  ]
}

/** The files of MQTT Explorer and MQTTX that exist in their default places on this machine. */
export function findPeerData(platform: NodeJS.Platform, env: Record<string, string | undefined>, homedir: string): PeerDataFile[] {
  return peerDataLocations({ platform, env, homedir }).filter((file) => {
    try {
      return statSync(file.path).isFile()
    } catch {
      return false
    }
  })
}
