import { useEffect, type RefObject } from 'react'
import { monaco } from './loadMonaco'

/** Puts `value` and `language` into an editor created once, without recreating it on every change. */
export function useEditorContent(
  editor: RefObject<monaco.editor.IStandaloneCodeEditor | null>,
  value: string,
  language: string
): void {
  useEffect(() => {
    const model = editor.current?.getModel()
    if (!model) return
    if (model.getValue() !== value) model.setValue(value)
    monaco.editor.setModelLanguage(model, language)
  }, [editor, value, language])
}
