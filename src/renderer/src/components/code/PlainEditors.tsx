import type { CodeEditorProps, CodeViewProps, DiffViewProps } from './types'
import { isSubmitKey } from './isSubmitKey'

/** Plain-text fallbacks with the same props as the Monaco components (shown while Monaco loads, and in DOM tests). */
export function PlainCodeView({ value, label }: CodeViewProps): React.JSX.Element {
  return (
    <pre aria-label={label} tabIndex={0}>
      {value}
    </pre>
  )
}

export function PlainCodeEditor({ value, label, onChange, onSubmit }: CodeEditorProps): React.JSX.Element {
  return (
    <textarea
      aria-label={label}
      value={value}
      spellCheck={false}
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={(event) => {
        if (onSubmit && isSubmitKey(event)) {
          event.preventDefault()
          onSubmit()
        }
      }}
    />
  )
}

export function PlainDiffView({ original, modified, label }: DiffViewProps): React.JSX.Element {
  return (
    <div className="split horizontal" role="group" aria-label={label}>
      <pre className="pane rest" aria-label="Earlier message">
        {original}
      </pre>
      <pre className="pane rest" aria-label="Later message">
        {modified}
      </pre>
    </div>
  )
}
