import { existsSync } from 'node:fs'
import { rename } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { defaultDataDir } from './options'

/** Where the headless server kept its data before the app was named Brokerscope. */
export function legacyDataDir(env: NodeJS.ProcessEnv): string {
  const xdg = env['XDG_DATA_HOME']
  return xdg ? join(xdg, 'mqtt-explorer-server') : join(homedir(), '.mqtt-explorer-server')
}

/**
 * Moves the old name's data directory to the new default once, when the server uses the default and only
 * the old one exists; returns the sentence to print, or null when there was nothing to move. A data
 * directory given with --data-dir is the user's choice and is left alone.
 */
export async function moveLegacyDataDir(dataDir: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  const legacy = legacyDataDir(env)
  if (dataDir !== defaultDataDir(env) || !existsSync(legacy)) return null
  if (existsSync(dataDir)) return `Both ${legacy} (the data of the app's former name) and ${dataDir} exist; ${dataDir} is used and ${legacy} was left as it is.`
  try {
    await rename(legacy, dataDir)
  } catch (error) {
    return `The data directory ${legacy} could not be moved to ${dataDir} (${(error as NodeJS.ErrnoException).code ?? String(error)}); move it by hand, or start with --data-dir ${legacy}.`
  }
  return `Moved the data directory ${legacy} to ${dataDir} (the app is now named Brokerscope); profiles, passwords and the token came along.`
}
