import { useId, type ReactNode } from 'react'

/** A labelled form control with its problem sentence; the child receives the id and ARIA wiring. */
export interface FieldProps {
  label: string
  problem?: string | null | undefined
  hint?: string
  children: (control: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode
}

export function Field({ label, problem, hint, children }: FieldProps): React.JSX.Element {
  const id = useId()
  const describedBy = problem ? `${id}-problem` : hint ? `${id}-hint` : undefined
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(problem), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {problem ? (
        <span className="problem" id={`${id}-problem`} role="alert">
          {problem}
        </span>
      ) : hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
    </div>
  )
}
