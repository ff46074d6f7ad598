import { useLayoutEffect, useRef } from 'react'
import { baseOptions, monaco } from './loadMonaco'
import { useMonacoEditor } from './useMonacoEditor'
import type { CodeEditorProps } from '../types'

/** Editable Monaco editor; Ctrl/Cmd+Enter calls onSubmit. */
export default function MonacoCodeEditor({ value, language, label, onChange, onSubmit }: CodeEditorProps): React.JSX.Element {
  // Callbacks change on every render; the editor's listeners read the latest through this ref, updated
  // once each render is committed (before any input can reach the editor).
  const callbacks = useRef({ onChange, onSubmit })
  useLayoutEffect(() => {
    callbacks.current = { onChange, onSubmit }
  })

  const host = useMonacoEditor(
    (element) => {
      const instance = monaco.editor.create(element, { ...baseOptions, value, language, ariaLabel: label })
      instance.onDidChangeModelContent(() => callbacks.current.onChange(instance.getValue()))
      instance.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => callbacks.current.onSubmit?.())
      return instance
    },
    value,
    language
  )
  return <div ref={host} style={{ position: 'absolute', inset: 0 }} />
}
