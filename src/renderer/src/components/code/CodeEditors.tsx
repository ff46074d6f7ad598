import { lazy, Suspense } from 'react'
import { useEditorKind } from './editorKind'
import { PlainCodeEditor, PlainCodeView, PlainDiffView } from './PlainEditors'
import type { CodeEditorProps, CodeViewProps, DiffViewProps } from './types'

// Monaco is loaded on first use, in its own chunk, so start-up stays fast.
const MonacoCodeView = lazy(() => import('./monaco/MonacoCodeView'))
const MonacoCodeEditor = lazy(() => import('./monaco/MonacoCodeEditor'))
const MonacoDiffView = lazy(() => import('./monaco/MonacoDiffView'))

/** Read-only code view (the message value viewer). */
export function CodeView(props: CodeViewProps): React.JSX.Element {
  if (useEditorKind() === 'plain') return <PlainCodeView {...props} />
  return (
    <Suspense fallback={<PlainCodeView {...props} />}>
      <MonacoCodeView {...props} />
    </Suspense>
  )
}

/** Editable code field (the publish editor). */
export function CodeEditor(props: CodeEditorProps): React.JSX.Element {
  if (useEditorKind() === 'plain') return <PlainCodeEditor {...props} />
  return (
    <Suspense fallback={<PlainCodeEditor {...props} />}>
      <MonacoCodeEditor {...props} />
    </Suspense>
  )
}

/** Side-by-side diff of two values. */
export function DiffView(props: DiffViewProps): React.JSX.Element {
  if (useEditorKind() === 'plain') return <PlainDiffView {...props} />
  return (
    <Suspense fallback={<PlainDiffView {...props} />}>
      <MonacoDiffView {...props} />
    </Suspense>
  )
}
