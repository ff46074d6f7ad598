/** A read-only code view. */
export interface CodeViewProps {
  value: string
  language: string
  label: string
}

/** An editable code field; `onSubmit` runs on Ctrl/Cmd+Enter. */
export interface CodeEditorProps {
  value: string
  language: string
  label: string
  onChange: (value: string) => void
  onSubmit?: () => void
}

/** A read-only side-by-side comparison. */
export interface DiffViewProps {
  original: string
  modified: string
  language: string
  label: string
}
