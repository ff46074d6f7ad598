import type { QoS, Subscription } from '@shared/contract'
import { topicFilterProblem } from '@shared/topics'
import { CheckField, QOS_OPTIONS, RETAIN_HANDLING_OPTIONS, SelectField, TextField } from '../../components/FormFields'
import type { DraftProblems } from './profileDraft'

/** The profile's subscriptions: filter, QoS and (MQTT 5) subscription options per row. */
export function SubscriptionsEditor({
  subscriptions,
  mqtt5,
  problems,
  onChange
}: {
  subscriptions: Subscription[]
  mqtt5: boolean
  problems: DraftProblems
  onChange: (next: Subscription[]) => void
}): React.JSX.Element {
  const patch = (index: number, change: Partial<Subscription>): void =>
    onChange(subscriptions.map((s, i) => (i === index ? { ...s, ...change } : s)))
  return (
    <fieldset>
      <legend>Subscriptions</legend>
      {subscriptions.map((s, index) => (
        <div key={index} className="row" role="group" aria-label={`Subscription ${index + 1}`}>
          <div className="grow">
            <TextField
              label="Topic filter"
              value={s.filter}
              onChange={(filter) => patch(index, { filter })}
              problem={(s.filter ? topicFilterProblem(s.filter) : null) ?? problems[`subscriptions.${index}.filter`] ?? problems[`subscriptions.${index}`]}
            />
          </div>
          <SelectField label="QoS" value={s.qos} options={QOS_OPTIONS} onChange={(qos: QoS) => patch(index, { qos })} />
          {mqtt5 ? (
            <>
              <CheckField label="No local" checked={s.noLocal ?? false} onChange={(noLocal) => patch(index, { noLocal })} />
              <CheckField label="Retain as published" checked={s.retainAsPublished ?? false} onChange={(retainAsPublished) => patch(index, { retainAsPublished })} />
              <SelectField
                label="Retain handling"
                value={s.retainHandling ?? 0}
                options={RETAIN_HANDLING_OPTIONS}
                onChange={(retainHandling: 0 | 1 | 2) => patch(index, { retainHandling })}
              />
            </>
          ) : null}
          <button type="button" className="btn small danger" aria-label={`Remove subscription ${s.filter || index + 1}`} onClick={() => onChange(subscriptions.filter((_, i) => i !== index))}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="btn small" onClick={() => onChange([...subscriptions, { filter: '', qos: 0 }])}>
        Add subscription
      </button>
    </fieldset>
  )
}
