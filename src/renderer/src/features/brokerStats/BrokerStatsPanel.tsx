import { useState } from 'react'
import { useClientModel } from '../../model'
import { errorMessage } from '../../lib/errorMessage'
import { formatBytes, formatCount, formatRate } from '../../lib/format'
import { modelService } from '../../services/model'
import { connectionsSelectors, useConnectionsStore } from '../../stores/connections'
import { brokerFigures, statsSubscriptionGranted } from './brokerStats'
import { TopTalkers } from './TopTalkers'

/** Broker statistics from `$SYS/broker/#`, refreshed at most once per frame. */
export function BrokerStatsPanel({ connectionId }: { connectionId: string }): React.JSX.Element {
  const model = useClientModel(connectionId)
  const figures = brokerFigures(model)
  const stats = model.stats
  const subscriptions = useConnectionsStore(connectionsSelectors.byId(connectionId))?.subscriptionResults
  const subscribed = subscriptions !== undefined && statsSubscriptionGranted(subscriptions)
  const [notice, setNotice] = useState<string | null>(null)
  // The tree empties with the next update from main, which tells this window to reset its copy.
  const forget = (): void => {
    modelService.clear({ connectionId }).then(
      ({ cleared }) => setNotice(`Forgot ${formatCount(cleared)} ${cleared === 1 ? 'topic' : 'topics'}; new messages fill the tree again.`),
      (error: unknown) => setNotice(errorMessage(error))
    )
  }
  return (
    <section className="scroll" aria-label="Broker statistics" style={{ padding: 12 }}>
      <h3>Broker</h3>
      {figures.length === 0 ? (
        <p className="muted">
          {subscribed
            ? 'The broker granted the $SYS subscription but has sent nothing on $SYS/broker/: this broker publishes no $SYS statistics (RabbitMQ, for one, has none).'
            : 'The broker has not published statistics on $SYS/broker/#. Add a $SYS/# subscription to the profile; some brokers (or their ACLs) do not publish them.'}
        </p>
      ) : (
        <table className="stats-table">
          <tbody>
            {figures.map((f) => (
              <tr key={f.label} title={f.topic}>
                <th scope="row">{f.label}</th>
                <td className="mono">{f.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {stats ? (
        <>
          <h3>This connection</h3>
          <table className="stats-table">
            <tbody>
              <tr>
                <th scope="row">Messages per second</th>
                <td className="mono">{formatRate(stats.messagesPerSecond, 'msg')}</td>
              </tr>
              <tr>
                <th scope="row">Topics</th>
                <td className="mono">{formatCount(stats.topicCount)}</td>
              </tr>
              <tr>
                <th scope="row">Messages received</th>
                <td className="mono">{formatCount(stats.messageCount)}</td>
              </tr>
              <tr>
                <th scope="row">Memory used by history</th>
                <td className="mono">
                  {formatBytes(stats.storedBytes)} of {formatBytes(stats.budgetBytes)}
                </td>
              </tr>
              <tr>
                <th scope="row">History messages dropped</th>
                <td className="mono">{formatCount(stats.evictedMessages)}</td>
              </tr>
              <tr>
                <th scope="row">Payloads dropped for memory</th>
                <td className="mono">{formatCount(stats.evictedPayloads)}</td>
              </tr>
              <tr>
                <th scope="row">Topics waiting for the next update</th>
                <td className="mono">{formatCount(stats.pendingTopics)}</td>
              </tr>
              <tr>
                <th scope="row">Updates skipped while this window was busy</th>
                <td className="mono">{formatCount(stats.skippedFrames)}</td>
              </tr>
            </tbody>
          </table>
          <button type="button" className="btn small" onClick={forget}>
            Forget received messages
          </button>
          {notice ? <p role="status">{notice}</p> : null}
        </>
      ) : null}
      <TopTalkers connectionId={connectionId} />
    </section>
  )
}
