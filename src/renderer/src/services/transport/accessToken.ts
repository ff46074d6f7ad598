const STORAGE_KEY = 'brokerscope.token'

/**
 * The headless server's access token. The printed address carries it as `?token=`; it is moved into
 * sessionStorage (kept across reloads of this tab only) and removed from the address bar, history and bookmarks.
 */
export function takeAccessToken(location: Location, history: History, storage: Storage): string | undefined {
  const url = new URL(location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    storage.setItem(STORAGE_KEY, fromUrl)
    url.searchParams.delete('token')
    history.replaceState(history.state, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  return storage.getItem(STORAGE_KEY) ?? undefined
}
