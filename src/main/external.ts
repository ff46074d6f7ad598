import { shell } from 'electron'
import { externalUrl } from './externalUrl'

/** The one place that opens links outside the app (the menu's project page). */
export async function openExternalLink(url: string): Promise<boolean> {
  const safe = externalUrl(url)
  if (safe === null) return false
  await shell.openExternal(safe)
  return true
}
