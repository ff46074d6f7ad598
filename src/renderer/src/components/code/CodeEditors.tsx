import { lazy, Suspense, type ComponentType } from 'react'
import { useEditorKind } from './editorKind'
import { PlainCodeEditor, PlainCodeView, PlainDiffView } from './PlainEditors'
import type { CodeEditorProps, CodeViewProps, DiffViewProps } from './types'

/**
 * Monaco is loaded on first use, in its own chunk, so start-up stays fast; until it arrives (and in tests,
 * where Monaco cannot run) the plain editor with the same props stands in.
 */
function monacoOrPlain<P extends object>(Plain: ComponentType<P>, load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  const Monaco = lazy(load)
  return function CodeComponent(props: P): React.JSX.Element {
    if (useEditorKind() === 'plain') return <Plain {...props} />
    return (
      <Suspense fallback={<Plain {...props} />}>
        <Monaco {...props} />
      </Suspense>
    )
  }
}

/** Read-only code view (the message value viewer). */
export const CodeView = monacoOrPlain<CodeViewProps>(PlainCodeView, () => import('./monaco/MonacoCodeView'))

/** Editable code field (the publish editor). */
export const CodeEditor = monacoOrPlain<CodeEditorProps>(PlainCodeEditor, () => import('./monaco/MonacoCodeEditor'))

/** Side-by-side diff of two values. */
export const DiffView = monacoOrPlain<DiffViewProps>(PlainDiffView, () => import('./monaco/MonacoDiffView'))
