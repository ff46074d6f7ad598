import { createContext, useContext } from 'react'

/**
 * Which editor implementation renders code: Monaco in the app, plain text areas where Monaco cannot run
 * (DOM test environments have no layout or workers). Both are real, working editors.
 */
export type EditorKind = 'monaco' | 'plain'

export const EditorKindContext = createContext<EditorKind>('monaco')

export function useEditorKind(): EditorKind {
  return useContext(EditorKindContext)
}
