import { publishSelectors, usePublishStore } from '../../stores/publish'

/** The composer's recent sends: each message still waiting for the broker, and the last answers, newest first. */
export function SentMessages({ connectionId }: { connectionId: string }): React.JSX.Element | null {
  const sends = usePublishStore(publishSelectors.sends(connectionId))
  if (sends.length === 0) return null
  return (
    <ul className="sent-messages" aria-label="Sent messages">
      {sends.map((send) => (
        <li key={send.id}>
          {send.kind === 'sending' ? (
            <span className="muted">
              Publishing to "{send.topic}" (QoS {send.qos})…
            </span>
          ) : (
            <span className={send.kind === 'ok' ? 'ok-text' : 'error-text'} role={send.kind === 'ok' ? 'status' : 'alert'}>
              {send.text}
            </span>
          )}
        </li>
      ))}
    </ul>
  )
}
