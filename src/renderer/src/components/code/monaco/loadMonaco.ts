// A lean Monaco: the editor API, the contributions an inspector needs, and JSON; no other languages.
import * as monaco from 'monaco-editor/editor/editor.api'
import 'monaco-editor/editor/browser/widget/diffEditor/diffEditor.contribution'
import 'monaco-editor/editor/contrib/find/browser/findController'
import 'monaco-editor/editor/contrib/folding/browser/folding'
import 'monaco-editor/editor/contrib/format/browser/formatActions'
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard'
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu'
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution'
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching'
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter'
import 'monaco-editor/editor/standalone/browser/quickAccess/standaloneGotoSymbolQuickAccess'
import 'monaco-editor/language/json/monaco.contribution'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'
import JsonWorker from 'monaco-editor/language/json/json.worker?worker'

// Workers come from our own bundle (no CDN), as the CSP requires.
self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker())
}

const dark = window.matchMedia('(prefers-color-scheme: dark)')
const themeFor = (isDark: boolean): string => (isDark ? 'vs-dark' : 'vs')
dark.addEventListener('change', (event) => monaco.editor.setTheme(themeFor(event.matches)))

/** Options shared by every editor in the app. */
export const baseOptions: monaco.editor.IEditorOptions & { theme: string } = {
  theme: themeFor(dark.matches),
  automaticLayout: true,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  fontSize: 12,
  wordWrap: 'on',
  renderLineHighlight: 'none'
}

export { monaco }
