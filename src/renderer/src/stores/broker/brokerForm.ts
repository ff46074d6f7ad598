import { brokerStartSchema, type ArgsOf } from '@shared/contract'

/** The built-in broker panel's fields as typed. */
export interface BrokerForm {
  tcpPort: string
  /** Empty: no WebSocket listener. */
  wsPort: string
  host: string
  username: string
  password: string
}

export const initialBrokerForm: BrokerForm = { tcpPort: '1883', wsPort: '', host: '127.0.0.1', username: '', password: '' }

/** The form as a broker:start request, or the sentence saying what to fix (the contract's own wording). */
export function brokerStartOf(form: BrokerForm): ArgsOf<'broker:start'> | string {
  const port = (text: string): number => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN)
  const parsed = brokerStartSchema.safeParse({
    tcpPort: port(form.tcpPort),
    ...(form.wsPort.trim() !== '' && { wsPort: port(form.wsPort) }),
    host: form.host.trim(),
    ...(form.username !== '' && { username: form.username }),
    ...(form.password !== '' && { password: form.password })
  })
  return parsed.success ? parsed.data : (parsed.error.issues[0]?.message ?? 'Check the broker settings.')
}
