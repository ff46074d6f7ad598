import { shell } from 'electron'

/** The one place that opens links outside the app; only http and https, never file: or custom schemes. */
export async function openExternalLink(url: string): Promise<boolean> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false
  await shell.openExternal(parsed.toString())
  return true
}
