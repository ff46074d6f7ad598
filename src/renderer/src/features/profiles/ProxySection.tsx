import type { ProxyKind } from '@shared/contract'
import { CheckField, SelectField, TextField } from '../../components/FormFields'
import type { SectionProps } from './ProfileSections'

const KINDS: { value: ProxyKind | 'none'; label: string }[] = [
  { value: 'none', label: 'None (connect directly)' },
  { value: 'http', label: 'HTTP CONNECT' },
  { value: 'socks5', label: 'SOCKS5' }
]

/** The usual port of each kind, filled in when the port is still empty. */
const USUAL_PORTS: Record<ProxyKind, string> = { http: '3128', socks5: '1080' }

/** Network: an optional HTTP CONNECT or SOCKS5 proxy on the way to the broker; folded away while none is set. */
export function ProxySection({ draft, problems, change }: SectionProps): React.JSX.Element {
  const onKind = (proxyKind: ProxyKind | 'none'): void => {
    change({ proxyKind, ...(proxyKind !== 'none' && draft.proxyPort === '' ? { proxyPort: USUAL_PORTS[proxyKind] } : {}) })
  }
  const on = draft.proxyKind !== 'none'
  return (
    <details className="profile-network" open={on}>
      <summary>Network: proxy{on ? ` (${draft.proxyKind === 'http' ? 'HTTP CONNECT' : 'SOCKS5'})` : ''}</summary>
      <fieldset>
        <legend>Proxy</legend>
        <div className="row">
          <SelectField label="Proxy kind" value={draft.proxyKind} options={KINDS} onChange={onKind} />
          {on ? (
            <>
              <div className="grow">
                <TextField label="Proxy host" value={draft.proxyHost} onChange={(proxyHost) => change({ proxyHost })} problem={problems['options.proxy.host']} />
              </div>
              <TextField label="Proxy port" type="number" value={draft.proxyPort} onChange={(proxyPort) => change({ proxyPort })} problem={problems['options.proxy.port']} />
            </>
          ) : null}
        </div>
        {on ? (
          <>
            <div className="row">
              <div className="grow">
                <TextField
                  label="Proxy user name"
                  value={draft.proxyUsername}
                  placeholder="none"
                  onChange={(proxyUsername) => change({ proxyUsername })}
                  problem={problems['options.proxy.username']}
                />
              </div>
              <div className="grow">
                <TextField
                  label="Proxy password"
                  type="password"
                  value={draft.proxyPassword}
                  placeholder={draft.hasProxyPassword && !draft.clearProxyPassword ? 'saved (type to replace)' : ''}
                  onChange={(proxyPassword) => change({ proxyPassword, clearProxyPassword: false })}
                  problem={problems.proxyPassword}
                  hint="Stored encrypted like the broker password; leave empty to keep the saved one."
                />
              </div>
            </div>
            {draft.hasProxyPassword ? (
              <CheckField label="Forget the saved proxy password" checked={draft.clearProxyPassword} onChange={(clearProxyPassword) => change({ clearProxyPassword, proxyPassword: '' })} />
            ) : null}
          </>
        ) : null}
      </fieldset>
    </details>
  )
}
