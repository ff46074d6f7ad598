// The editor API plus editor.main, which registers every editor contribution with the services they need
// (importing contributions one by one leaves some without their services) and the JSON language.
import * as monaco from 'monaco-editor/editor/editor.api'
import 'monaco-editor/editor/editor.main'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'
import JsonWorker from 'monaco-editor/language/json/json.worker?worker'
import { isDarkTheme, onThemeChange } from '../../../lib/theme'

// Workers come from our own bundle (no CDN), as the CSP requires.
self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker())
}

const themeFor = (isDark: boolean): string => (isDark ? 'vs-dark' : 'vs')
onThemeChange((dark) => monaco.editor.setTheme(themeFor(dark)))

/** Options shared by every editor in the app. */
export const baseOptions: monaco.editor.IEditorOptions & { theme: string } = {
  theme: themeFor(isDarkTheme()),
  automaticLayout: true,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  fontSize: 12,
  wordWrap: 'on',
  renderLineHighlight: 'none',
  // Tab moves the focus on, so no editor traps a keyboard user (WCAG 2.1.2); Ctrl+M lets Tab indent again.
  tabFocusMode: true
}

export { monaco }
