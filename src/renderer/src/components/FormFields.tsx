import type { ReactNode } from 'react'
import { Field } from './Field'

// Small labelled inputs used by every form: text, select and checkbox, each with its problem sentence.

/** A labelled text input or text area. */
interface TextFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  problem?: string | undefined
  hint?: string
  type?: 'text' | 'password' | 'number'
  placeholder?: string
  multiline?: boolean
}

export function TextField({ label, value, onChange, problem, hint, type = 'text', placeholder, multiline }: TextFieldProps): React.JSX.Element {
  return (
    <Field label={label} problem={problem} {...(hint ? { hint } : {})}>
      {(control) =>
        multiline ? (
          <textarea {...control} rows={3} value={value} placeholder={placeholder} onChange={(event) => onChange(event.target.value)} />
        ) : (
          <input
            {...control}
            type={type === 'number' ? 'text' : type}
            inputMode={type === 'number' ? 'numeric' : undefined}
            value={value}
            placeholder={placeholder}
            autoComplete="off"
            onChange={(event) => onChange(event.target.value)}
          />
        )
      }
    </Field>
  )
}

/** A labelled select over typed values. */
interface SelectFieldProps<T extends string | number> {
  label: string
  value: T
  options: readonly { value: T; label: string }[]
  onChange: (value: T) => void
  problem?: string | undefined
}

export function SelectField<T extends string | number>({ label, value, options, onChange, problem }: SelectFieldProps<T>): React.JSX.Element {
  return (
    <Field label={label} problem={problem}>
      {(control) => (
        <select
          {...control}
          value={String(value)}
          onChange={(event) => {
            const chosen = options.find((o) => String(o.value) === event.target.value)
            if (chosen) onChange(chosen.value)
          }}
        >
          {options.map((o) => (
            <option key={String(o.value)} value={String(o.value)}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

export function CheckField({ label, checked, onChange, children }: { label: string; checked: boolean; onChange: (checked: boolean) => void; children?: ReactNode }): React.JSX.Element {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      {label}
      {children}
    </label>
  )
}

export const QOS_OPTIONS = [
  { value: 0, label: 'QoS 0 — at most once' },
  { value: 1, label: 'QoS 1 — at least once' },
  { value: 2, label: 'QoS 2 — exactly once' }
] as const

/** MQTT 5 retain handling of a subscription. */
export const RETAIN_HANDLING_OPTIONS = [
  { value: 0, label: 'Send retained' },
  { value: 1, label: 'Only on new subscribe' },
  { value: 2, label: 'Never send retained' }
] as const
