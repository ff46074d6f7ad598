import { useEffect, useRef, type RefObject } from 'react'
import { monaco } from './loadMonaco'

/**
 * Creates a Monaco editor once in the returned host element (disposed with the component) and keeps its
 * text and language in step with `value` and `language` without recreating it.
 */
export function useMonacoEditor(
  create: (host: HTMLDivElement) => monaco.editor.IStandaloneCodeEditor,
  value: string,
  language: string
): RefObject<HTMLDivElement | null> {
  const host = useRef<HTMLDivElement>(null)
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null)
  // Created once: what `create` reads on the first render (label, options) is fixed for the editor's life.
  const createOnce = useRef(create)

  useEffect(() => {
    if (!host.current) return
    const instance = createOnce.current(host.current)
    editor.current = instance
    return () => {
      instance.getModel()?.dispose()
      instance.dispose()
      editor.current = null
    }
  }, [])

  useEffect(() => {
    const model = editor.current?.getModel()
    if (!model) return
    if (model.getValue() !== value) model.setValue(value)
    monaco.editor.setModelLanguage(model, language)
  }, [value, language])

  return host
}
