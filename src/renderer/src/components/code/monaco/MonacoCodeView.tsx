import { baseOptions, monaco } from './loadMonaco'
import { useMonacoEditor } from './useMonacoEditor'
import type { CodeViewProps } from '../types'

/** Read-only Monaco editor; keeps one editor instance and swaps its text and language. */
export default function MonacoCodeView({ value, language, label }: CodeViewProps): React.JSX.Element {
  const host = useMonacoEditor(
    (element) => monaco.editor.create(element, { ...baseOptions, readOnly: true, ariaLabel: label, domReadOnly: true }),
    value,
    language
  )
  return <div ref={host} style={{ position: 'absolute', inset: 0 }} />
}
