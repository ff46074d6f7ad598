import { useEffect } from 'react'
import { useBrokerStore, type BrokerForm } from '../../stores/broker'
import { BrokerClientsTable } from './BrokerClientsTable'

/** Start and stop the built-in broker, see where devices reach it and who is connected, and open a tab to it. */
export function BuiltInBrokerPanel(): React.JSX.Element {
  const status = useBrokerStore((s) => s.status)
  const busy = useBrokerStore((s) => s.busy)
  const error = useBrokerStore((s) => s.error)
  const form = useBrokerStore((s) => s.form)
  const { load, start, stop, openTab, setForm } = useBrokerStore.getState()
  useEffect(() => void load(), [load])
  const running = status?.running === true
  const field = (key: keyof BrokerForm) => ({ value: form[key], disabled: running, onChange: (event: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: event.target.value }) })

  return (
    <section aria-label="Built-in broker" className="recordings">
      <h3>Built-in broker</h3>
      {error ? <div className="banner error" role="alert">{error}</div> : null}
      <div className="row">
        <input aria-label="TCP port" className="mono" size={6} placeholder="1883" {...field('tcpPort')} />
        <input aria-label="WebSocket port" className="mono" size={9} placeholder="WS port (off)" {...field('wsPort')} />
        <input aria-label="Bind address" className="mono" size={12} list="broker-bind-addresses" {...field('host')} />
        <datalist id="broker-bind-addresses">
          <option value="127.0.0.1">This machine only</option>
          <option value="0.0.0.0">Every IPv4 interface</option>
          <option value="::">Every interface (IPv4 and IPv6)</option>
        </datalist>
      </div>
      <div className="row">
        <input aria-label="Broker user name" placeholder="User (optional)" autoComplete="off" {...field('username')} />
        <input aria-label="Broker password" type="password" placeholder="Password" autoComplete="new-password" {...field('password')} />
      </div>
      <div className="row">
        {running ? (
          <button type="button" className="btn small" disabled={busy} onClick={() => void stop()}>
            Stop broker
          </button>
        ) : (
          <button type="button" className="btn small primary" disabled={busy} onClick={() => void start()}>
            Start broker
          </button>
        )}
        <button type="button" className="btn small" disabled={busy || !running} onClick={() => void openTab()}>
          Open a tab
        </button>
      </div>
      {running && status ? (
        <>
          <p className="muted">
            {status.requiresLogin ? 'Login required. ' : ''}
            {status.messagesPerSecond.toLocaleString('en')} messages/s · {status.messagesTotal.toLocaleString('en')} since start
          </p>
          <ul aria-label="Broker addresses">
            {status.addresses.map((address) => (
              <li key={address.url} className="mono">
                {address.url} <span className="muted">({address.interfaceName})</span>
              </li>
            ))}
          </ul>
          <BrokerClientsTable clients={status.clients} />
        </>
      ) : (
        <p className="muted">Stopped. Port 0 picks a free port; 0.0.0.0 lets devices on the network connect.</p>
      )}
    </section>
  )
}
