import { useState } from 'react'
import type { Profile } from '@shared/contract'
import { TextField } from '../../components/FormFields'
import { useConnectionsStore, type ConnectionTab } from '../../stores/connections'

const CREDENTIAL_ERRORS = new Set(['bad-credentials', 'not-authorized', 'proxy-auth-failed'])

/** Connect once with a password, key passphrase or proxy password typed now (not saved): for profiles kept without secrets. */
export function OneTimeSecrets({ tab, profile }: { tab: ConnectionTab; profile: Profile }): React.JSX.Element | null {
  const connect = useConnectionsStore((s) => s.connect)
  const [password, setPassword] = useState('')
  const [keyPassphrase, setKeyPassphrase] = useState('')
  const [proxyPassword, setProxyPassword] = useState('')
  const needsKey = profile.options.tls?.keyFile !== undefined
  const needsPassword = profile.options.username !== undefined
  const needsProxyPassword = profile.options.proxy?.username !== undefined
  if (!needsKey && !needsPassword && !needsProxyPassword) return null
  const suggested =
    (tab.errorCode !== null && CREDENTIAL_ERRORS.has(tab.errorCode)) || (needsPassword && !profile.hasPassword) || (needsProxyPassword && !profile.hasProxyPassword)
  return (
    <details className="one-time-secrets" open={suggested}>
      <summary>Connect with a password typed now</summary>
      <form
        className="row"
        aria-label="Connect with secrets typed now"
        onSubmit={(event) => {
          event.preventDefault()
          void connect(tab.connectionId, { ...(password ? { password } : {}), ...(keyPassphrase ? { keyPassphrase } : {}), ...(proxyPassword ? { proxyPassword } : {}) })
          setPassword('')
          setKeyPassphrase('')
          setProxyPassword('')
        }}
      >
        {needsPassword ? <TextField label="Password for this connection" type="password" value={password} onChange={setPassword} hint="Used once, not saved." /> : null}
        {needsProxyPassword ? <TextField label="Proxy password for this connection" type="password" value={proxyPassword} onChange={setProxyPassword} hint="Used once, not saved." /> : null}
        {needsKey ? <TextField label="Key passphrase for this connection" type="password" value={keyPassphrase} onChange={setKeyPassphrase} hint="Used once, not saved." /> : null}
        <button type="submit" className="btn primary">
          Connect
        </button>
      </form>
    </details>
  )
}
