export { CodeView, CodeEditor, DiffView } from './CodeEditors'
export { EditorKindContext, type EditorKind } from './editorKind'
export { isSubmitKey } from './isSubmitKey'
