import { useState } from 'react'
import type { Profile, QoS } from '@shared/contract'
import { topicFilterProblem } from '@shared/topics'
import { CheckField, QOS_OPTIONS, RETAIN_HANDLING_OPTIONS, SelectField, TextField } from '../../components/FormFields'
import { errorMessage } from '../../lib/errorMessage'
import { useConnectionsStore, type ConnectionTab } from '../../stores/connections'

/** The profile's subscriptions with the broker's answer to each; add or remove while connected. */
export function SubscriptionsPanel({ tab, profile }: { tab: ConnectionTab; profile: Profile | undefined }): React.JSX.Element {
  const { subscribe, unsubscribe } = useConnectionsStore.getState()
  const [filter, setFilter] = useState('')
  const [qos, setQos] = useState<QoS>(0)
  const [options, setOptions] = useState<{ noLocal: boolean; retainAsPublished: boolean; retainHandling: 0 | 1 | 2 }>({ noLocal: false, retainAsPublished: false, retainHandling: 0 })
  const mqtt5 = profile?.options.protocolVersion === 5
  const [error, setError] = useState<string | null>(null)
  const problem = filter === '' ? null : topicFilterProblem(filter)
  const subscriptions = profile?.subscriptions ?? []

  const add = (): void => {
    if (filter === '' || problem) return
    setError(null)
    subscribe(tab.connectionId, { filter, qos, ...(mqtt5 ? options : {}) }).then(
      (result) => {
        if (result?.error) setError(result.error.message)
        else setFilter('')
      },
      (e: unknown) => setError(errorMessage(e))
    )
  }

  return (
    <section className="scroll" aria-label="Subscriptions" style={{ padding: 12 }}>
      <ul className="subscription-list">
        {subscriptions.length === 0 ? <li className="muted">No subscriptions: nothing will arrive. Add one below.</li> : null}
        {subscriptions.map((s) => {
          const result = tab.subscriptionResults[s.filter]
          return (
            <li key={s.filter} className="row">
              <span className="mono grow">{s.filter}</span>
              <span className="muted">QoS {s.qos}</span>
              {result?.error ? (
                <span className="error-text" role="alert">
                  {result.error.message}
                </span>
              ) : result && result.grantedQos !== null ? (
                <span className="ok-text">granted QoS {result.grantedQos}</span>
              ) : null}
              <button
                type="button"
                className="btn small danger"
                aria-label={`Unsubscribe ${s.filter}`}
                onClick={() => unsubscribe(tab.connectionId, s.filter).catch((e: unknown) => setError(errorMessage(e)))}
              >
                Unsubscribe
              </button>
            </li>
          )
        })}
      </ul>
      <form
        className="row"
        aria-label="Add subscription"
        onSubmit={(event) => {
          event.preventDefault()
          add()
        }}
      >
        <div className="grow">
          <TextField label="New topic filter" value={filter} placeholder="e.g. sensors/+/temperature" onChange={setFilter} problem={problem ?? undefined} />
        </div>
        <SelectField label="QoS" value={qos} options={QOS_OPTIONS} onChange={setQos} />
        {mqtt5 ? (
          <>
            <CheckField label="No local" checked={options.noLocal} onChange={(noLocal) => setOptions({ ...options, noLocal })} />
            <CheckField label="Retain as published" checked={options.retainAsPublished} onChange={(retainAsPublished) => setOptions({ ...options, retainAsPublished })} />
            <SelectField
              label="Retain handling"
              value={options.retainHandling}
              options={RETAIN_HANDLING_OPTIONS}
              onChange={(retainHandling: 0 | 1 | 2) => setOptions({ ...options, retainHandling })}
            />
          </>
        ) : null}
        <button type="submit" className="btn primary" disabled={filter === '' || Boolean(problem)}>
          Subscribe
        </button>
      </form>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      <p className="muted">Changes are saved in the profile. The retained flag is only set on messages the broker sends when you subscribe; later messages arrive without it.</p>
    </section>
  )
}
