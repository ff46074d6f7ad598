import { useEffect, useRef } from 'react'
import { baseOptions, monaco } from './loadMonaco'
import type { DiffViewProps } from '../types'

/** Read-only Monaco diff editor: earlier message on the left, later on the right. */
export default function MonacoDiffView({ original, modified, language, label }: DiffViewProps): React.JSX.Element {
  const host = useRef<HTMLDivElement>(null)
  const models = useRef<{ original: monaco.editor.ITextModel; modified: monaco.editor.ITextModel } | null>(null)
  // Created once with the first label and language; texts and language are applied by the effect below.
  const first = useRef({ label, language })

  useEffect(() => {
    if (!host.current) return
    const { label, language } = first.current
    const diff = monaco.editor.createDiffEditor(host.current, { ...baseOptions, readOnly: true, originalEditable: false, ariaLabel: label })
    // Each side is a text box of its own and needs a name: Monaco 0.57 empties the sides' labels once created
    // (originalAriaLabel and modifiedAriaLabel are overwritten), so they are set on the side editors themselves.
    diff.getOriginalEditor().updateOptions({ ariaLabel: `${label}: earlier message` })
    diff.getModifiedEditor().updateOptions({ ariaLabel: `${label}: later message` })
    const pair = { original: monaco.editor.createModel('', language), modified: monaco.editor.createModel('', language) }
    diff.setModel(pair)
    models.current = pair
    return () => {
      diff.dispose()
      pair.original.dispose()
      pair.modified.dispose()
      models.current = null
    }
  }, [])

  useEffect(() => {
    const pair = models.current
    if (!pair) return
    if (pair.original.getValue() !== original) pair.original.setValue(original)
    if (pair.modified.getValue() !== modified) pair.modified.setValue(modified)
    monaco.editor.setModelLanguage(pair.original, language)
    monaco.editor.setModelLanguage(pair.modified, language)
  }, [original, modified, language])

  return <div ref={host} style={{ position: 'absolute', inset: 0 }} />
}
