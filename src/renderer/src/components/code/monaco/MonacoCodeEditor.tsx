import { useEffect, useRef } from 'react'
import { baseOptions, monaco } from './loadMonaco'
import { useEditorContent } from './useEditorContent'
import type { CodeEditorProps } from '../types'

/** Editable Monaco editor; Ctrl/Cmd+Enter calls onSubmit. */
export default function MonacoCodeEditor({ value, language, label, onChange, onSubmit }: CodeEditorProps): React.JSX.Element {
  const host = useRef<HTMLDivElement>(null)
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null)
  // Callbacks change on every render; the editor's listeners read the latest through this ref.
  const callbacks = useRef({ onChange, onSubmit })
  callbacks.current = { onChange, onSubmit }

  useEffect(() => {
    if (!host.current) return
    const instance = monaco.editor.create(host.current, { ...baseOptions, value, language, ariaLabel: label })
    instance.onDidChangeModelContent(() => callbacks.current.onChange(instance.getValue()))
    instance.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => callbacks.current.onSubmit?.())
    editor.current = instance
    return () => {
      instance.getModel()?.dispose()
      instance.dispose()
      editor.current = null
    }
    // Created once; useEditorContent applies value and language.
  }, [])

  useEditorContent(editor, value, language)

  return <div ref={host} style={{ position: 'absolute', inset: 0 }} />
}
