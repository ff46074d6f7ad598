import type { BrokerClient } from '@shared/contract'

/** The devices connected to the built-in broker, with their subscriptions and publish rates. */
export function BrokerClientsTable({ clients }: { clients: BrokerClient[] }): React.JSX.Element {
  if (clients.length === 0) return <p className="muted">No clients connected.</p>
  return (
    <table className="metrics-table" aria-label="Broker clients">
      <thead>
        <tr>
          <th scope="col">Client</th>
          <th scope="col">Address</th>
          <th scope="col">Subscriptions</th>
          <th scope="col">msg/s</th>
        </tr>
      </thead>
      <tbody>
        {clients.map((client) => (
          <tr key={`${client.id}@${client.address}`}>
            <td className="mono">{client.id}</td>
            <td className="mono">
              {client.address} ({client.transport})
            </td>
            <td className="mono">{client.subscriptions.join(', ') || '—'}</td>
            <td>{client.messagesPerSecond.toLocaleString('en')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
