import { useEffect, useRef } from 'react'
import { baseOptions, monaco } from './loadMonaco'
import { useEditorContent } from './useEditorContent'
import type { CodeViewProps } from '../types'

/** Read-only Monaco editor; keeps one editor instance and swaps its text and language. */
export default function MonacoCodeView({ value, language, label }: CodeViewProps): React.JSX.Element {
  const host = useRef<HTMLDivElement>(null)
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null)

  useEffect(() => {
    if (!host.current) return
    const instance = monaco.editor.create(host.current, { ...baseOptions, readOnly: true, ariaLabel: label, domReadOnly: true })
    editor.current = instance
    return () => {
      instance.getModel()?.dispose()
      instance.dispose()
      editor.current = null
    }
    // The label is fixed for the life of the view; useEditorContent applies value and language.
  }, [])

  useEditorContent(editor, value, language)

  return <div ref={host} style={{ position: 'absolute', inset: 0 }} />
}
